// One browser's side of a video or voice call between an agent's console and a person's web chat (issue 15). Both pages
// load this file; each relays its signalling through Xiaoshen (the console's circuit, or Direct Line events) with `send`.
// Signals go out one after another and come in one after another, so an answer never overtakes its offer, nor a
// candidate the description it belongs to.
(function () {
  'use strict';

  window.XiaoshenCall = function (options) {
    // options: callId, iceServers, relayOnly, send(signal) -> Promise, onRemote(stream), onState(state)
    var pc = new RTCPeerConnection({ iceServers: options.iceServers || [], iceTransportPolicy: options.relayOnly ? 'relay' : 'all' });
    var outbox = Promise.resolve();
    var inbox = Promise.resolve();
    var local = null;
    var told = false;
    var remote = new MediaStream();

    function send(signal) {
      signal.callId = options.callId;
      outbox = outbox.then(function () { return options.send(signal); }).catch(function () { /* the other side learns from the call's end */ });
      return outbox;
    }

    function addLocal() {
      if (!local) { return; }
      local.getTracks().forEach(function (track) { pc.addTrack(track, local); });
    }

    pc.onicecandidate = function (event) {
      if (event.candidate) { send({ type: 'ice', candidates: [event.candidate.toJSON()] }); }
    };
    pc.ontrack = function (event) {
      remote.addTrack(event.track);
      options.onRemote(remote);
    };
    pc.onconnectionstatechange = function () {
      options.onState(pc.connectionState);
      if (pc.connectionState === 'connected' && !told) {
        told = true;
        send({ type: 'connected' });
      } else if (pc.connectionState === 'failed') {
        send({ type: 'failed' });
      }
    };

    return {
      pc: pc,
      send: send,
      setLocal: function (stream) { local = stream; },

      // The caller offers: its own tracks, and room to receive what the other side sends (a camera or a screen).
      offer: function () {
        addLocal();
        ['audio', 'video'].forEach(function (kind) {
          if (!local || local.getTracks().every(function (t) { return t.kind !== kind; })) {
            pc.addTransceiver(kind, { direction: 'recvonly' });
          }
        });
        return pc.createOffer()
          .then(function (offer) { return pc.setLocalDescription(offer); })
          .then(function () { return send({ type: 'offer', sdp: pc.localDescription.sdp }); });
      },

      receive: function (signal) {
        inbox = inbox.then(function () {
          if (signal.type === 'offer') {
            return pc.setRemoteDescription({ type: 'offer', sdp: signal.sdp })
              .then(addLocal)
              .then(function () { return pc.createAnswer(); })
              .then(function (answer) { return pc.setLocalDescription(answer); })
              .then(function () { return send({ type: 'answer', sdp: pc.localDescription.sdp }); });
          }
          if (signal.type === 'answer') {
            return pc.setRemoteDescription({ type: 'answer', sdp: signal.sdp });
          }
          if (signal.type === 'ice') {
            return Promise.all((signal.candidates || []).map(function (c) { return pc.addIceCandidate(c); }));
          }
          return undefined;
        }).catch(function () { send({ type: 'failed' }); });
        return inbox;
      },

      // A screen shared instead of the camera: the same sender carries the new track, no new offer needed.
      replaceVideo: function (track) {
        var sender = pc.getSenders().filter(function (s) { return s.track && s.track.kind === 'video'; })[0];
        return sender ? sender.replaceTrack(track) : Promise.reject(new Error('no video sender'));
      },

      close: function () {
        if (local) { local.getTracks().forEach(function (t) { t.stop(); }); }
        pc.close();
      }
    };
  };
})();
