// The agent's voice message (issue 15): recorded in the browser, then attached through the composer's own file input,
// so it goes the same way as any file the agent attaches and is sent with the next reply.
(function () {
  'use strict';
  var recorder = null;

  function el(id) { return document.getElementById(id); }

  window.xiaoshenConsoleRecord = {
    start: function (settings) {
      if (recorder && recorder.recording()) { return; }
      recorder = window.XiaoshenRecorder({
        maxSeconds: settings.maxSeconds,
        fileName: settings.fileName,
        onTick: function (seconds) {
          el('record-time').textContent = settings.time
            .replace('{Time}', window.XiaoshenRecorder.clock(seconds))
            .replace('{Max}', window.XiaoshenRecorder.clock(settings.maxSeconds));
        },
        onDone: function (file) {
          el('recording').hidden = true;
          el('record').hidden = false;
          if (file) {
            var input = el('attach');
            var files = new DataTransfer();
            files.items.add(file);
            input.files = files.files;
            input.dispatchEvent(new Event('change', { bubbles: true }));
          }
          el('record').focus();
        },
        onError: function () { el('record-time').textContent = settings.noMicrophone; el('recording').hidden = false; }
      });
      recorder.start().then(function () {
        if (!recorder.recording()) { return; }
        el('record').hidden = true;
        el('recording').hidden = false;
        el('record-send').focus();
      });
    },

    stop: function (keep) { if (recorder) { recorder.stop(keep); } }
  };
})();
