// The /webchat page: gets a Direct Line token from /webchat/token (the secret never reaches the browser), keeps the
// conversation across reloads and page navigations in localStorage, and renders the stock Web Chat in Chinese.
(function () {
  'use strict';
  var KEY = 'xiaoshen.conversation';
  var embedded = /[?&]embed=1/.test(location.search);
  if (embedded) {
    document.body.classList.add('xs-embedded');
    var close = document.querySelector('.xs-close');
    close.hidden = false;
    close.addEventListener('click', function () { parent.postMessage({ xiaoshen: 'close' }, '*'); });
  }

  function load() {
    try { return JSON.parse(localStorage.getItem(KEY) || 'null'); } catch (e) { return null; }
  }

  function save(value) {
    try { localStorage.setItem(KEY, JSON.stringify(value)); } catch (e) { /* private mode: the conversation lasts this page only */ }
  }

  function fetchToken(previous) {
    var headers = { 'Content-Type': 'application/json' };
    if (previous && previous.token && previous.expires > Date.now()) {
      headers.Authorization = 'Bearer ' + previous.token;
    }
    return fetch('/webchat/token', { method: 'POST', headers: headers, body: '{}' }).then(function (response) {
      if (!response.ok) { throw new Error('token ' + response.status); }
      return response.json();
    });
  }

  function notice(text) {
    var el = document.getElementById('xs-notice');
    el.textContent = text;
    el.hidden = false;
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, name) { return values[name] == null ? '' : values[name]; });
  }

  // A video or voice call an agent starts from the console (issue 15): its signalling comes as Direct Line events and
  // goes back as events, which Xiaoshen relays to the agent and does not keep. History replayed after a reload holds the
  // invitations of calls long over; each is followed by its end, which closes it again.
  function Calls(post) {
    var panel = document.getElementById('xs-call');
    var texts = panel.dataset;
    var el = function (id) { return document.getElementById(id); };
    var call = null;

    function state(text) { el('xs-call-state').textContent = text; }

    function buttons(ringing) {
      el('xs-call-accept').hidden = !ringing;
      el('xs-call-accept-screen').hidden = !ringing;
      el('xs-call-decline').hidden = !ringing;
      el('xs-call-hangup').hidden = ringing;
      el('xs-call-share').hidden = ringing || !call || !call.video || call.media === 'screen';
    }

    function send(signal) {
      signal.callId = call.id;
      return post(signal);
    }

    function close() {
      if (call && call.peer) { call.peer.close(); }
      call = null;
      el('xs-call-remote').srcObject = null;
      el('xs-call-local').srcObject = null;
      panel.hidden = true;
    }

    // The screen with the microphone, or the camera and microphone, or the microphone alone.
    function media(kind) {
      if (kind !== 'screen') { return navigator.mediaDevices.getUserMedia({ audio: true, video: kind === 'camera' }); }
      return navigator.mediaDevices.getDisplayMedia({ video: true }).then(function (screen) {
        return navigator.mediaDevices.getUserMedia({ audio: true }).then(function (voice) {
          return new MediaStream(screen.getVideoTracks().concat(voice.getAudioTracks()));
        });
      });
    }

    function accept(kind) {
      var current = call;
      media(kind).then(function (stream) {
        if (call !== current) { stream.getTracks().forEach(function (t) { t.stop(); }); return; }
        call.media = kind;
        call.peer = window.XiaoshenCall({
          callId: call.id,
          iceServers: call.iceServers,
          relayOnly: call.relayOnly,
          send: post,
          onRemote: function (remote) { el('xs-call-remote').srcObject = remote; },
          onState: function (s) {
            panel.setAttribute('data-state', s);
            if (s === 'connected') { state(texts.connected); }
          }
        });
        call.peer.setLocal(stream);
        el('xs-call-local').srcObject = stream;
        state(texts.connecting);
        buttons(false);
        send({ type: 'accept', media: kind });
      }).catch(function () { state(texts.noDevice); });
    }

    el('xs-call-accept').addEventListener('click', function () { if (call) { accept(call.video ? 'camera' : 'audio'); } });
    el('xs-call-accept-screen').addEventListener('click', function () { if (call) { accept('screen'); } });
    el('xs-call-decline').addEventListener('click', function () { if (call) { send({ type: 'decline' }); close(); } });
    el('xs-call-hangup').addEventListener('click', function () { if (call) { send({ type: 'hangup' }); } });
    el('xs-call-share').addEventListener('click', function () {
      if (!call || !call.peer) { return; }
      navigator.mediaDevices.getDisplayMedia({ video: true }).then(function (screen) {
        return call.peer.replaceVideo(screen.getVideoTracks()[0]).then(function () {
          call.media = 'screen';
          buttons(false);
          send({ type: 'media', media: 'screen' });
        });
      }).catch(function () { state(texts.noDevice); });
    });

    return function (signal) {
      if (signal.type === 'invite') {
        close();
        call = { id: signal.callId, video: !!signal.video, iceServers: signal.iceServers, relayOnly: !!signal.relayOnly };
        el('xs-call-title').textContent = fill(signal.video ? texts.inviteVideo : texts.inviteVoice, { Agent: signal.agent, Department: signal.department });
        el('xs-call-accept-screen').hidden = false;
        state('');
        buttons(true);
        panel.hidden = false;
        el('xs-call-accept').focus();
        return;
      }
      if (!call || signal.callId !== call.id) { return; }
      if (signal.type === 'end') { close(); return; }
      if (call.peer) { call.peer.receive(signal); }
    };
  }

  var previous = load();
  fetchToken(previous).then(function (session) {
    var current = {
      token: session.token,
      conversationId: session.conversationId,
      userId: session.userId,
      expires: Date.now() + (session.expires_in - 60) * 1000
    };
    save(current);
    var directLine = window.WebChat.createDirectLine({
      domain: location.origin + '/v3/directline',
      token: current.token,
      conversationId: current.conversationId,
      // Resume from the start so the person sees the whole conversation after a reload.
      watermark: previous && previous.conversationId === current.conversationId ? '0' : undefined,
      webSocket: true
    });
    var onCall = Calls(function (signal) {
      return new Promise(function (resolve, reject) {
        directLine.postActivity({ type: 'event', name: 'xiaoshen.call', value: signal, from: { id: current.userId, role: 'user' } })
          .subscribe(resolve, reject);
      });
    });
    var store = window.WebChat.createStore({}, function () {
      return function (next) {
        return function (action) {
          if (action.type === 'DIRECT_LINE/INCOMING_ACTIVITY') {
            var activity = action.payload.activity;
            var id = (activity.id || '').split('|')[1];
            if (id) { current.watermark = String(parseInt(id, 10) + 1); save(current); }
            if (activity.type === 'event' && activity.name === 'xiaoshen.call' && activity.value) { onCall(activity.value); }
          }
          return next(action);
        };
      };
    });
    window.WebChat.renderWebChat({
      directLine: directLine,
      store: store,
      userID: current.userId,
      username: '市民',
      locale: 'zh-CN',
      styleOptions: {
        accent: '#0b5cad',
        botAvatarInitials: '申',
        botAvatarBackgroundColor: '#0b5cad',
        userAvatarInitials: '我',
        userAvatarBackgroundColor: '#9bb7d4',
        bubbleBackground: '#ffffff',
        bubbleBorderRadius: 10,
        bubbleBorderColor: '#dde6f0',
        bubbleFromUserBackground: '#0b5cad',
        bubbleFromUserTextColor: '#ffffff',
        bubbleFromUserBorderRadius: 10,
        suggestedActionBackgroundColor: '#ffffff',
        suggestedActionBorderColor: '#0b5cad',
        suggestedActionTextColor: '#0b5cad',
        suggestedActionBorderRadius: 16,
        suggestedActionLayout: 'flow',
        sendBoxButtonColor: '#0b5cad',
        hideUploadButton: false,
        uploadAccept: 'image/*,audio/*,video/mp4,video/webm,video/quicktime,application/pdf',
        uploadMultiple: true,
        rootHeight: '100%',
        primaryFont: '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif'
      }
    }, document.getElementById('webchat'));
    document.querySelector('#webchat input, #webchat textarea') && document.querySelector('#webchat input, #webchat textarea').focus();
  }).catch(function () {
    notice('小申暂时连接不上，请稍后刷新页面再试；紧急事项请拨打 12345 市民服务热线。');
  });
})();
