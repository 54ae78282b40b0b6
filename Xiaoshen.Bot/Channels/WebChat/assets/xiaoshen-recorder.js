// A voice message recorder (录音, issue 15) for the web chat and the agent console: the browser's MediaRecorder, a
// timer, cancel, and a length limit from Xiaoshen's settings (Voice:MaxRecordingSeconds), where it stops by itself.
(function () {
  'use strict';

  window.XiaoshenRecorder = function (options) {
    // options: maxSeconds, fileName, onTick(seconds), onDone(file or null when cancelled), onError()
    var recorder = null;
    var timer = null;
    var startedAt = 0;
    var keep = false;

    function finish(stream, chunks) {
      clearInterval(timer);
      stream.getTracks().forEach(function (t) { t.stop(); });
      recorder = null;
      var type = (chunks[0] && chunks[0].type ? chunks[0].type : 'audio/webm').split(';')[0];
      options.onDone(keep && chunks.length ? new File(chunks, options.fileName, { type: type }) : null);
    }

    return {
      recording: function () { return recorder !== null; },

      start: function () {
        if (recorder) { return Promise.resolve(); }
        return navigator.mediaDevices.getUserMedia({ audio: true }).then(function (stream) {
          var chunks = [];
          var type = MediaRecorder.isTypeSupported('audio/webm;codecs=opus') ? 'audio/webm;codecs=opus' : '';
          recorder = new MediaRecorder(stream, type ? { mimeType: type } : undefined);
          recorder.ondataavailable = function (event) { if (event.data.size) { chunks.push(event.data); } };
          recorder.onstop = function () { finish(stream, chunks); };
          keep = false;
          startedAt = Date.now();
          recorder.start(250);
          options.onTick(0);
          timer = setInterval(function () {
            var seconds = Math.floor((Date.now() - startedAt) / 1000);
            options.onTick(seconds);
            if (seconds >= options.maxSeconds) { this.stop(true); }
          }.bind(this), 250);
        }.bind(this)).catch(function () { options.onError(); });
      },

      // Stops; the recording is handed over when `send`, dropped otherwise.
      stop: function (send) {
        if (!recorder) { return; }
        keep = !!send;
        recorder.stop();
      }
    };
  };

  // 0:07 / 1:00
  window.XiaoshenRecorder.clock = function (seconds) {
    return Math.floor(seconds / 60) + ':' + ('0' + (seconds % 60)).slice(-2);
  };
})();
