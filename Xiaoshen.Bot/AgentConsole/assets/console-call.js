// The agent's side of a call (issue 15): the workbench asks for the camera and microphone, starts the call on the
// server, then hands this page what the person's browser sends. Signals from here go back through the circuit.
(function () {
  'use strict';
  var call = null;

  function video(id) { return document.getElementById(id); }

  function end() {
    if (!call) { return; }
    if (call.peer) { call.peer.close(); } else if (call.local) { call.local.getTracks().forEach(function (t) { t.stop(); }); }
    video('call-remote').srcObject = null;
    video('call-local').srcObject = null;
    call = null;
  }

  window.xiaoshenConsoleCall = {
    // Before the call rings: the agent's own camera (or microphone only), shown small. False when the browser refuses.
    prepare: function (withVideo) {
      end();
      call = { pending: [] };
      return navigator.mediaDevices.getUserMedia({ audio: true, video: withVideo }).then(function (stream) {
        call.local = stream;
        video('call-local').srcObject = stream;
        return true;
      }).catch(function () { call = null; return false; });
    },

    // The call rings: from now on signals have somewhere to go.
    begin: function (dotnet, start) {
      if (!call) { return; }
      call.peer = window.XiaoshenCall({
        callId: start.callId,
        iceServers: start.iceServers,
        relayOnly: start.relayOnly,
        send: function (signal) { return dotnet.invokeMethodAsync('SignalFromBrowser', JSON.stringify(signal)); },
        onRemote: function (stream) { video('call-remote').srcObject = stream; },
        onState: function (state) { document.getElementById('call').setAttribute('data-state', state); }
      });
      call.peer.setLocal(call.local);
      var waiting = call.pending;
      call.pending = [];
      waiting.forEach(window.xiaoshenConsoleCall.signal);
    },

    signal: function (json) {
      if (!call) { return; }
      var signal = JSON.parse(json);
      if (!call.peer) { call.pending.push(json); return; }
      if (signal.type === 'accept') { call.peer.offer(); }
      else if (signal.type === 'end') { end(); }
      else { call.peer.receive(signal); }
    },

    // The call could not start on the server, or it ended: let go of the camera.
    cancel: end
  };
})();
