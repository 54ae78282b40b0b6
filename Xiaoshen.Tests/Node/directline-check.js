// Usage: node directline-check.js BASE_URL SECRET
// Talks to Xiaoshen with the stock botframework-directlinejs client: conversation over the WebSocket stream, a reply,
// a reconnect with a watermark, and an upload. Prints one JSON line with what it saw; exits non-zero on failure.
'use strict';
// Node has no XMLHttpRequest; xhr2 provides one but cannot send FormData, which directlinejs uses for uploads,
// so FormData bodies are encoded to multipart bytes first (as a browser would).
const XHR2 = require('xhr2');
class XMLHttpRequestWithFormData extends XHR2 {
  send(body) {
    if (typeof FormData !== 'undefined' && body instanceof FormData) {
      const encoded = new Response(body);
      encoded.arrayBuffer().then(bytes => {
        this.setRequestHeader('Content-Type', encoded.headers.get('content-type'));
        super.send(Buffer.from(bytes));
      });
      return;
    }
    super.send(body);
  }
}
global.XMLHttpRequest = XMLHttpRequestWithFormData;
global.WebSocket = require('ws');
const http = require('http');
const { DirectLine, ConnectionStatus } = require('botframework-directlinejs');

const [base, secret] = process.argv.slice(2);
const domain = base + '/v3/directline';
const user = { id: 'node-user', name: '测试' };
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

function timeout(ms, what) {
  return new Promise((_, reject) => setTimeout(() => reject(new Error('timed out waiting for ' + what)), ms));
}

// Resolves with the first activity matching the predicate.
function next(directLine, predicate, what) {
  return Promise.race([
    new Promise(resolve => {
      const subscription = directLine.activity$.subscribe(activity => {
        if (predicate(activity)) { subscription.unsubscribe(); resolve(activity); }
      });
    }),
    timeout(20000, what)
  ]);
}

function post(directLine, activity) {
  return new Promise((resolve, reject) => directLine.postActivity(activity).subscribe(resolve, reject));
}

const fromBot = text => activity => activity.from && activity.from.role === 'bot' && activity.type === 'message' && (activity.text || '').includes(text);

(async () => {
  const generated = await (await fetch(domain + '/tokens/generate', { method: 'POST', headers: { Authorization: 'Bearer ' + secret } })).json();
  const seen = { statuses: [] };

  const first = new DirectLine({ domain, token: generated.token, webSocket: true });
  first.connectionStatus$.subscribe(status => seen.statuses.push(status));
  const welcome = next(first, fromBot('小申'), 'welcome');
  const welcomed = await welcome;
  const answered = next(first, fromBot('社会保障卡'), 'answer over the stream');
  const postedId = await post(first, { type: 'message', from: user, text: '社保卡丢了怎么补办' });
  const answer = await answered;
  seen.welcome = welcomed.text.slice(0, 20);
  seen.postedId = postedId;
  seen.answerReplyTo = answer.replyToId;
  seen.online = seen.statuses.includes(ConnectionStatus.Online);
  const conversationId = first.conversationId || postedId.split('|')[0];
  const watermark = String(parseInt(answer.id.split('|')[1], 10) + 1);
  first.end();

  // Reconnect as a reloaded page does: same token and conversation, from the watermark.
  const second = new DirectLine({ domain, token: generated.token, conversationId, watermark, webSocket: true });
  const replayed = [];
  second.activity$.subscribe(activity => replayed.push(activity.id));
  const followUp = next(second, fromBot('申请材料'), 'follow-up after reconnect');
  await post(second, { type: 'message', from: user, text: '那要带什么材料' });
  const materials = await followUp;
  seen.followUp = materials.text.slice(0, 30);
  seen.replayedBeforeWatermark = replayed.filter(id => parseInt(id.split('|')[1], 10) < parseInt(watermark, 10)).length;

  // Upload: directlinejs fetches each attachment's contentUrl and posts them as multipart.
  const server = http.createServer((_, response) => { response.writeHead(200, { 'Content-Type': 'image/png' }); response.end(PNG); });
  await new Promise(resolve => server.listen(0, '127.0.0.1', resolve));
  const received = next(second, fromBot('已收到您发送的文件'), 'upload reply');
  const echoed = next(second, a => a.from && a.from.role === 'user' && (a.attachments || []).length > 0, 'uploaded activity');
  await post(second, { type: 'message', from: user, attachments: [{ contentType: 'image/png', contentUrl: `http://127.0.0.1:${server.address().port}/shot.png`, name: 'shot.png' }] });
  const [upload] = await Promise.all([echoed, received]);
  server.close();
  seen.uploadUrl = upload.attachments[0].contentUrl;
  const file = await fetch(seen.uploadUrl);
  seen.uploadStatus = file.status;
  seen.uploadBytes = (await file.arrayBuffer()).byteLength;
  second.end();

  console.log(JSON.stringify(seen));
  process.exit(0);
})().catch(error => { console.error(error && error.stack || error); process.exit(1); });
