// A new conversation for the agent (issue 14, section 5): a short chime, unless the agent switched alerts off on this
// browser (remembered in localStorage). The title badge is drawn by the page itself. `chimes` counts the chimes played.
(function () {
  'use strict';
  var key = 'xiaoshen.console.alerts';
  var audio = null;

  window.xiaoshenConsoleAlert = {
    chimes: 0,
    enabled: function () { return window.localStorage.getItem(key) !== 'off'; },
    setEnabled: function (on) { window.localStorage.setItem(key, on ? 'on' : 'off'); },
    chime: function () {
      if (!this.enabled()) { return false; }
      try {
        audio = audio || new (window.AudioContext || window.webkitAudioContext)();
        if (audio.state === 'suspended') { audio.resume(); }
        var now = audio.currentTime;
        [880, 1320].forEach(function (frequency, i) {
          var tone = audio.createOscillator();
          var gain = audio.createGain();
          tone.frequency.value = frequency;
          gain.gain.setValueAtTime(0.0001, now + i * 0.18);
          gain.gain.exponentialRampToValueAtTime(0.2, now + i * 0.18 + 0.02);
          gain.gain.exponentialRampToValueAtTime(0.0001, now + i * 0.18 + 0.16);
          tone.connect(gain).connect(audio.destination);
          tone.start(now + i * 0.18);
          tone.stop(now + i * 0.18 + 0.17);
        });
        this.chimes++;
        return true;
      } catch (e) {
        return false; // no audio device: the title badge still tells
      }
    }
  };
})();
