// One <script src="https://…/widget.js"></script> adds the 小申 button to any portal page. The chat runs in an iframe
// on Xiaoshen's own origin, so its conversation (kept there) continues across page navigations and reloads.
(function () {
  'use strict';
  if (window.__xiaoshenWidget) { return; }
  window.__xiaoshenWidget = true;
  var script = document.currentScript;
  var origin = script ? new URL(script.src, location.href).origin : location.origin;
  var OPEN = 'xiaoshen.widget.open';

  var style = document.createElement('style');
  style.textContent = [
    '.xs-launcher{position:fixed;right:24px;bottom:24px;z-index:2147483000;display:flex;align-items:center;gap:8px;',
    'padding:12px 18px;border:0;border-radius:28px;background:linear-gradient(90deg,#0b5cad,#1a7fd6);color:#fff;',
    'font:600 16px "PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;box-shadow:0 6px 20px rgba(11,92,173,.35);cursor:pointer}',
    // The round 申 is drawn, not text, so the button's name (小申智能助手) holds all the text it shows.
    '.xs-launcher::before{content:"申";width:28px;height:28px;border-radius:50%;background:#fff;color:#0b5cad;display:flex;align-items:center;justify-content:center;font-weight:700}',
    '.xs-panel{position:fixed;right:24px;bottom:92px;z-index:2147483000;width:400px;height:620px;max-width:calc(100vw - 32px);',
    'max-height:calc(100vh - 120px);border:0;border-radius:14px;overflow:hidden;box-shadow:0 12px 40px rgba(0,0,0,.25);background:#fff;display:none}',
    '.xs-panel.xs-open{display:block}',
    // A phone, a small window or a page zoomed to 200 %: the chat takes the whole window, and the launcher, which would
    // sit over its send button, steps aside while it is open (the chat's own × closes it).
    '@media (max-width:600px),(max-height:640px){.xs-panel{right:0;bottom:0;width:100vw;height:100vh;max-width:100vw;max-height:100vh;border-radius:0}',
    '.xs-launcher[aria-expanded=true]{display:none}}',
    '.xs-launcher:focus-visible{outline:3px solid #f59e0b;outline-offset:3px}'
  ].join('');
  document.head.appendChild(style);

  var button = document.createElement('button');
  button.type = 'button';
  button.className = 'xs-launcher';
  button.setAttribute('aria-label', '小申智能助手');
  button.innerHTML = '<span>小申</span>';

  var panel = document.createElement('iframe');
  panel.className = 'xs-panel';
  panel.title = '小申智能助手';
  panel.setAttribute('allow', 'microphone; camera; display-capture; autoplay; clipboard-write');

  var wantsFocus = false;

  // Focus follows the person: into the chat's send box when they open it, back to the launcher when it closes.
  function focusChat() {
    wantsFocus = true;
    try { panel.contentWindow.postMessage({ xiaoshen: 'focus' }, origin); } catch (e) { /* not loaded yet: sent on load */ }
  }

  panel.addEventListener('load', function () { if (wantsFocus) { focusChat(); } });

  function setOpen(open) {
    if (open && !panel.src) { panel.src = origin + '/webchat?embed=1'; }
    panel.classList.toggle('xs-open', open);
    button.setAttribute('aria-expanded', String(open));
    try { sessionStorage.setItem(OPEN, open ? '1' : '0'); } catch (e) { /* ignore */ }
  }

  function close() {
    wantsFocus = false;
    setOpen(false);
    button.focus();
  }

  button.addEventListener('click', function () {
    if (panel.classList.contains('xs-open')) { close(); } else { setOpen(true); focusChat(); }
  });
  // A screenshot (截图, issue 15) of the page the person is on, taken here (the chat's frame cannot see this page) with
  // html2canvas from Xiaoshen's origin, without the chat over it, and handed to the chat to preview and send.
  var capturing = false;

  function withHtml2canvas(then) {
    if (window.html2canvas) { then(); return; }
    var tag = document.createElement('script');
    tag.src = origin + '/webchat-assets/html2canvas.min.js';
    tag.onload = then;
    tag.onerror = function () { reply(null); };
    document.head.appendChild(tag);
  }

  function reply(blob) {
    panel.contentWindow.postMessage({ xiaoshen: 'screenshot', blob: blob }, origin);
  }

  function screenshot() {
    if (capturing) { return; }
    capturing = true;
    withHtml2canvas(function () {
      panel.style.visibility = 'hidden';
      button.style.visibility = 'hidden';
      var done = function (blob) {
        panel.style.visibility = '';
        button.style.visibility = '';
        capturing = false;
        reply(blob);
      };
      window.html2canvas(document.body, { logging: false, scale: 1, x: window.scrollX, y: window.scrollY, width: window.innerWidth, height: window.innerHeight })
        .then(function (canvas) { canvas.toBlob(done, 'image/png'); })
        .catch(function () { done(null); });
    });
  }

  window.addEventListener('message', function (event) {
    if (event.origin !== origin || event.source !== panel.contentWindow || !event.data) { return; }
    if (event.data.xiaoshen === 'close') { close(); }
    if (event.data.xiaoshen === 'screenshot') { screenshot(); }
  });
  document.addEventListener('keydown', function (event) {
    if (event.key === 'Escape' && panel.classList.contains('xs-open')) { close(); }
  });

  document.body.appendChild(panel);
  document.body.appendChild(button);
  var wasOpen = false;
  try { wasOpen = sessionStorage.getItem(OPEN) === '1'; } catch (e) { /* ignore */ }
  setOpen(wasOpen);
})();
