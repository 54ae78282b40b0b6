// The /webchat page: gets a Direct Line token from /webchat/token (the secret never reaches the browser), keeps the
// conversation across reloads and page navigations in localStorage, and renders the stock Web Chat in Chinese.
(function () {
  'use strict';
  var KEY = 'xiaoshen.conversation';
  var embedded = /[?&]embed=1/.test(location.search);
  var chatTexts = document.getElementById('webchat').dataset;

  // The send box's text field, once Web Chat has drawn it (not its hidden file input).
  function focusSendBox(attempt) {
    var box = document.querySelector('.webchat__send-box-text-box__input');
    if (box) { box.focus(); } else if ((attempt || 0) < 50) { setTimeout(function () { focusSendBox((attempt || 0) + 1); }, 100); }
  }

  if (embedded) {
    document.body.classList.add('xs-embedded');
    var close = document.querySelector('.xs-close');
    close.hidden = false;
    var closeWidget = function () { parent.postMessage({ xiaoshen: 'close' }, '*'); };
    close.addEventListener('click', closeWidget);
    document.addEventListener('keydown', function (event) {
      if (event.key === 'Escape' && !event.defaultPrevented) { closeWidget(); }
    });
    // The widget asks for focus when the person opens it, so typing starts in the send box.
    window.addEventListener('message', function (event) {
      if (event.source === parent && event.data && event.data.xiaoshen === 'focus') { focusSendBox(); }
    });
    // Only the widget's page can capture the page the person is on: the button is there in the widget alone.
    document.getElementById('xs-screenshot').hidden = false;
  }

  // Web Chat names every message "message" in English for screen readers; this page speaks Chinese.
  new MutationObserver(function () {
    document.querySelectorAll('[aria-roledescription="message"]').forEach(function (el) { el.setAttribute('aria-roledescription', chatTexts.roleMessage); });
    document.querySelectorAll('[aria-roledescription="attachment"]').forEach(function (el) { el.setAttribute('aria-roledescription', chatTexts.roleAttachment); });
  }).observe(document.getElementById('webchat'), { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-roledescription'] });

  // Web Chat draws with its own bundled React 18 and does not expose it, so the one element this page adds to its
  // drawing (an agent's avatar) is the plain object React 18 reads as an element. The bundle's version is pinned by
  // the lock file, and the handoff browser test looks for the avatar.
  function element(type, props) {
    return { $$typeof: Symbol.for('react.element'), type: type, key: null, ref: null, props: props, _owner: null };
  }

  // A human agent's message (issue 15: they looked like the bot): Xiaoshen names them and their department.
  function staffOf(activity) {
    var data = activity.channelData && activity.channelData.xiaoshen;
    return data && data.sender === 'staff' ? data : null;
  }

  // Screen readers hear who speaks, 小申 or the agent by name and department, instead of Web Chat's "机器人 申 说" for
  // both. Cards keep Web Chat's own reading of their content.
  function withSpeaker(activity) {
    var files = activity.attachments || [];
    if (activity.type !== 'message' || !activity.from || activity.from.role === 'user' || files.some(function (a) { return !a.contentUrl; })) {
      return activity;
    }
    var staff = staffOf(activity);
    var said = staff ? fill(chatTexts.staffSaid, { Name: staff.name, Department: staff.department }) : chatTexts.botSaid;
    var names = files.map(function (a) { return a.name || a.contentType; }).join('、');
    var text = said + (activity.text || '') + (names ? ' ' + fill(chatTexts.attached, { Names: names }) : '');
    return Object.assign({}, activity, { channelData: Object.assign({}, activity.channelData, { 'webchat:fallback-text': text }) });
  }

  function speakerKey(activity) {
    var staff = staffOf(activity);
    return staff ? 'staff:' + staff.name : (activity.from && activity.from.role);
  }

  function bySpeaker(groups) {
    var result = [];
    groups.forEach(function (group) {
      group.forEach(function (activity, index) {
        if (index === 0 || speakerKey(activity) !== speakerKey(group[index - 1])) { result.push([]); }
        result[result.length - 1].push(activity);
      });
    });
    return result;
  }

  function showStaff(notice) {
    var banner = document.getElementById('xs-staff');
    banner.textContent = notice.state === 'joined' ? fill(banner.dataset.serving, { Name: notice.name, Department: notice.department }) : '';
    banner.hidden = notice.state !== 'joined';
  }

  // Files chosen with the upload button wait in the send box: shown here with a preview, to remove or to send.
  function Staged(store) {
    var panel = document.getElementById('xs-staged');
    var list = document.getElementById('xs-staged-list');
    var shown = null;

    function set(files) {
      store.dispatch({ type: 'WEB_CHAT/SET_SEND_BOX_ATTACHMENTS', payload: { attachments: files } });
      // Otherwise the same file, chosen again after it was removed, would not count as a new choice.
      var input = document.querySelector('#webchat input[type=file]');
      if (input) { input.value = ''; }
    }

    function render(files) {
      list.textContent = '';
      files.forEach(function (file, index) {
        var item = document.createElement('li');
        var name = file.blob && file.blob.name ? file.blob.name : '';
        if (file.thumbnailURL) {
          var img = document.createElement('img');
          img.src = file.thumbnailURL;
          img.alt = name;
          item.appendChild(img);
        }
        item.appendChild(document.createTextNode(name));
        var remove = document.createElement('button');
        remove.type = 'button';
        remove.textContent = '×';
        remove.setAttribute('aria-label', fill(list.dataset.remove, { Name: name }));
        remove.addEventListener('click', function () { set(files.filter(function (_, i) { return i !== index; })); });
        item.appendChild(remove);
        list.appendChild(item);
      });
      document.getElementById('xs-staged-title').textContent = fill(panel.dataset.count, { Count: files.length });
      panel.hidden = files.length === 0;
    }

    document.getElementById('xs-staged-clear').addEventListener('click', function () { set([]); focusSendBox(); });
    document.getElementById('xs-staged-send').addEventListener('click', function () {
      var send = document.querySelector('.webchat__send-button');
      if (send) { send.click(); }
      focusSendBox();
    });
    store.subscribe(function () {
      var files = store.getState().sendBoxAttachments || [];
      if (files !== shown) { shown = files; render(files); }
    });
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

  // Elder mode (长辈版, issue 15): larger text and targets, plain wording, no motion; switched by a visible button and
  // remembered on this device. The sizes follow 工信部's 适老化 rules: text of 18 px or more, targets of 60 px or more.
  var ElderStyle = { fontSizeSmall: '100%', avatarSize: 60, sendBoxHeight: 60, sendBoxButtonWidth: 60, suggestedActionHeight: 60, bubbleMinHeight: 60, suggestedActionLayout: 'stacked', suggestedActionsStackedHeight: 200 };

  function ElderMode() {
    var ELDER = 'xiaoshen.elder';
    var button = document.getElementById('xs-elder');
    var listeners = [];
    var on = false;
    try { on = localStorage.getItem(ELDER) === '1'; } catch (e) { /* not remembered */ }

    function apply() {
      document.body.classList.toggle('xs-elder', on);
      button.setAttribute('aria-pressed', String(on));
      listeners.forEach(function (listener) { listener(on); });
    }

    button.addEventListener('click', function () {
      on = !on;
      try { localStorage.setItem(ELDER, on ? '1' : '0'); } catch (e) { /* this page only */ }
      apply();
    });
    document.body.classList.toggle('xs-elder', on);
    button.setAttribute('aria-pressed', String(on));
    return {
      on: function () { return on; },
      onChange: function (listener) { listeners.push(listener); listener(on); }
    };
  }

  // A voice message: recorded here, then sent like a chosen file, through Direct Line's upload.
  function Recording(store, maxSeconds) {
    var panel = document.getElementById('xs-recording');
    var texts = panel.dataset;
    var start = document.getElementById('xs-record');
    var time = document.getElementById('xs-record-time');
    var recorder = window.XiaoshenRecorder({
      maxSeconds: maxSeconds,
      fileName: texts.file,
      onTick: function (seconds) {
        time.textContent = fill(texts.time, { Time: window.XiaoshenRecorder.clock(seconds), Max: window.XiaoshenRecorder.clock(maxSeconds) });
      },
      onDone: function (file) {
        panel.hidden = true;
        start.hidden = false;
        if (file) { store.dispatch({ type: 'WEB_CHAT/SEND_MESSAGE', payload: { text: '', method: 'code', attachments: [{ blob: file }] } }); }
        start.focus();
      },
      onError: function () { notice(texts.noMicrophone); }
    });
    start.addEventListener('click', function () {
      recorder.start().then(function () {
        if (!recorder.recording()) { return; }
        start.hidden = true;
        panel.hidden = false;
        document.getElementById('xs-record-send').focus();
      });
    });
    document.getElementById('xs-record-send').addEventListener('click', function () { recorder.stop(true); });
    document.getElementById('xs-record-cancel').addEventListener('click', function () { recorder.stop(false); });
  }

  // The widget captured the page the person is on: it waits in the send box, shown with the other chosen files, until
  // the person sends or removes it.
  function Screenshot(store) {
    var shot = document.getElementById('xs-screenshot');
    shot.addEventListener('click', function () { parent.postMessage({ xiaoshen: 'screenshot' }, '*'); });
    window.addEventListener('message', function (event) {
      if (event.source !== parent || !event.data || event.data.xiaoshen !== 'screenshot') { return; }
      if (!(event.data.blob instanceof Blob)) { notice(shot.dataset.failed); return; }
      var file = new File([event.data.blob], shot.dataset.file, { type: 'image/png' });
      var staged = (store.getState().sendBoxAttachments || []).concat([{ blob: file, thumbnailURL: URL.createObjectURL(file) }]);
      store.dispatch({ type: 'WEB_CHAT/SET_SEND_BOX_ATTACHMENTS', payload: { attachments: staged } });
      document.getElementById('xs-staged-send').focus();
    });
  }

  // Read aloud (朗读): the latest answer, by Xiaoshen or an agent, with the browser's speech synthesis in Chinese; where
  // the browser has none, the person is told so.
  function ReadAloud() {
    var button = document.getElementById('xs-read');
    var texts = button.dataset;
    var label = button.textContent;
    var synthesis = window.speechSynthesis;

    function reset() { button.textContent = label; }

    // The words of the latest answer as shown (its markdown already drawn as text), not the person's own messages.
    function latestAnswer() {
      var shown = document.querySelectorAll('#webchat .webchat__bubble:not(.webchat__bubble--from-user) .webchat__text-content');
      var text = shown.length ? shown[shown.length - 1].innerText.trim() : '';
      return text || null;
    }

    button.addEventListener('click', function () {
      if (!synthesis || !window.SpeechSynthesisUtterance) { notice(texts.unavailable); return; }
      if (synthesis.speaking) { synthesis.cancel(); reset(); return; }
      var text = latestAnswer();
      if (!text) { notice(texts.nothing); return; }
      var utterance = new SpeechSynthesisUtterance(text);
      utterance.lang = 'zh-CN';
      utterance.rate = elder.on() ? 0.8 : 1;
      utterance.onend = reset;
      utterance.onerror = function (event) { reset(); if (event.error !== 'canceled' && event.error !== 'interrupted') { notice(texts.unavailable); } };
      button.textContent = texts.stop;
      synthesis.speak(utterance);
    });
  }

  var elder = ElderMode();
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
          // In elder mode, Xiaoshen answers in the plain wording of its fixed texts.
          if (action.type === 'DIRECT_LINE/POST_ACTIVITY' && elder.on()) {
            var posted = action.payload.activity;
            var data = Object.assign({}, posted.channelData);
            data.xiaoshen = Object.assign({}, data.xiaoshen, { plain: true });
            action = Object.assign({}, action, { payload: Object.assign({}, action.payload, { activity: Object.assign({}, posted, { channelData: data }) }) });
          }
          if (action.type === 'DIRECT_LINE/INCOMING_ACTIVITY') {
            var activity = action.payload.activity;
            var id = (activity.id || '').split('|')[1];
            if (id) { current.watermark = String(parseInt(id, 10) + 1); save(current); }
            if (activity.type === 'event' && activity.name === 'xiaoshen.call' && activity.value) { onCall(activity.value); }
            if (activity.type === 'event' && activity.name === 'xiaoshen.staff' && activity.value) { showStaff(activity.value); }
            action = Object.assign({}, action, { payload: Object.assign({}, action.payload, { activity: withSpeaker(activity) }) });
          }
          return next(action);
        };
      };
    });
    Staged(store);
    Screenshot(store);
    ReadAloud();
    Recording(store, session.maxRecordingSeconds);
    var props = {
      directLine: directLine,
      store: store,
      // Who speaks is said by each message's own reading (withSpeaker), not as "机器人 申".
      overrideLocalizedStrings: { ACTIVITY_BOT_SAID_ALT: ' ' },
      // Web Chat groups messages by role, so an agent's would sit under Xiaoshen's avatar: group by who speaks.
      groupActivitiesMiddleware: function () {
        return function (next) {
          return function (args) {
            var groups = next(args);
            return groups && groups.sender ? Object.assign({}, groups, { sender: bySpeaker(groups.sender) }) : groups;
          };
        };
      },
      avatarMiddleware: function () {
        return function (next) {
          return function (args) {
            var staff = !args.fromUser && staffOf(args.activity);
            if (!staff) { return next(args); }
            return function () { return element('div', { className: 'xs-staff-avatar', 'aria-hidden': 'true', children: Array.from(staff.name || '')[0] || '' }); };
          };
        };
      },
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
        // In a low window (a phone on its side, a page zoomed to 200 %) the suggested actions take one scrolling row, so
        // they do not push the answer out of view.
        suggestedActionLayout: window.innerHeight < 600 ? 'carousel' : 'flow',
        sendBoxButtonColor: '#0b5cad',
        hideUploadButton: false,
        uploadAccept: 'image/*,audio/*,video/mp4,video/webm,video/quicktime,application/pdf',
        uploadMultiple: true,
        rootHeight: '100%',
        primaryFont: '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif'
      }
    };
    // Web Chat draws again with the larger sizes when elder mode is switched (its styles come from these options).
    elder.onChange(function (on) {
      window.WebChat.renderWebChat(Object.assign({}, props, { styleOptions: Object.assign({}, props.styleOptions, on ? ElderStyle : {}) }), document.getElementById('webchat'));
    });
    if (!embedded) { focusSendBox(); }
  }).catch(function () {
    notice('小申暂时连接不上，请稍后刷新页面再试；紧急事项请拨打 12345 市民服务热线。');
  });
})();
