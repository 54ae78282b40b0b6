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
    var store = window.WebChat.createStore({}, function () {
      return function (next) {
        return function (action) {
          if (action.type === 'DIRECT_LINE/INCOMING_ACTIVITY') {
            var id = (action.payload.activity.id || '').split('|')[1];
            if (id) { current.watermark = String(parseInt(id, 10) + 1); save(current); }
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
