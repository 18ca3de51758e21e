// The sandbox console: pick who you are, chat with the bot directly or in the group, fill in its cards. Everything
// goes through the console's backend, which speaks to the bot only as Feishu does.
import { confirmDialog, h, renderCard } from '/console/assets/card.js';
import { escapeHtml, textMessageHtml } from '/console/assets/markdown.js';

const state = { clockOffset: 0, session: null, as: null, chat: 'p2p', version: null, shown: new Map(), busy: false, timer: null };
const $ = (sel) => document.querySelector(sel);

async function api(path, body) {
  const res = await fetch(
    `/console/api/${path}`,
    body === undefined
      ? {}
      : // The token from the session answer: the backend refuses a POST without it (another site's page cannot read it).
        { method: 'POST', headers: { 'content-type': 'application/json', 'x-console-token': state.session?.token ?? '' }, body: JSON.stringify(body) },
  );
  const json = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(json.error ?? `请求失败（HTTP ${res.status}）`);
  return json;
}

function toast(t) {
  if (!t) return;
  // One at a time, as in the client: a new toast replaces the one before.
  const el = h('div', { class: `toast toast-${t.type ?? 'info'}`, role: 'status' }, t.content ?? '');
  $('#toasts').replaceChildren(el);
  setTimeout(() => el.remove(), 3500);
}

const me = () => state.session.identities.flatMap((g) => g.people.map((p) => ({ ...p, role: g.role }))).find((p) => p.openId === state.as);
const isAdmin = () => state.session.identities.some((g) => g.role === 'admin' && g.people.some((p) => p.openId === state.as));

function avatar(name, bot) {
  // Given names, as the client shows a person without a photo; a long account name by its first character.
  const chars = [...(name ?? '?').replace(/（.*$/u, '')];
  return h('div', { class: `avatar${bot ? ' bot' : ''}` }, bot ? '调' : chars.length > 3 ? chars[0] : chars.slice(-2).join(''));
}

function timeText(iso) {
  return new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

async function act(messageId, action, source) {
  if (source) source.disabled = true;
  try {
    const res = await api('card-action', { as: state.as, messageId, action });
    toast(res.toast);
  } catch (err) {
    toast({ type: 'error', content: err.message });
  } finally {
    if (source) source.disabled = false;
    await poll();
  }
}

function messageBody(m) {
  const names = state.session.names;
  if (m.msgType === 'interactive') {
    return renderCard(m.content, { names, notify: toast, act: (action, source) => act(m.id, action, source) });
  }
  if (m.msgType === 'text') return h('div', { class: 'bubble', html: textMessageHtml(m.content?.text ?? '', names) });
  if (m.msgType === 'file') return h('div', { class: 'bubble file' }, `📎 ${m.content?.file_name ?? '文件'}`);
  return h('div', { class: 'bubble' }, `［${m.msgType} 消息］`);
}

function messageNode(m) {
  const mine = m.from === 'user' && m.senderOpenId === state.as;
  const quote = m.replyTo ? h('div', { class: 'reply-quote' }, `回复 ${m.replyTo.senderName}：${m.replyTo.text}`) : null;
  return h(
    'div',
    { class: `msg ${mine ? 'mine' : 'theirs'}`, 'data-id': m.id, 'data-rev': m.rev, 'data-from': m.from },
    avatar(m.senderName, m.from === 'bot'),
    h(
      'div',
      { class: 'msg-main' },
      h(
        'div',
        { class: 'msg-meta' },
        h('span', { class: 'sender' }, m.senderName),
        m.from === 'bot' ? h('span', { class: 'bot-badge' }, '机器人') : null,
        h('span', { class: 'time' }, timeText(m.at)),
      ),
      quote,
      messageBody(m),
    ),
  );
}

/** Redraws only messages that are new or changed, so a form being filled in is left alone. */
function showMessages(list) {
  const box = $('#messages');
  const nearBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 80;
  const ids = new Set(list.map((m) => m.id));
  for (const [id, node] of state.shown) {
    if (ids.has(id)) continue;
    node.remove();
    state.shown.delete(id);
  }
  let added = false;
  let prev = null;
  for (const m of list) {
    const old = state.shown.get(m.id);
    if (old && old.dataset.rev === m.rev) {
      prev = old;
      continue;
    }
    const node = messageNode(m);
    if (old) old.replaceWith(node);
    else {
      if (prev) prev.after(node);
      else box.prepend(node);
      added = true;
    }
    state.shown.set(m.id, node);
    prev = node;
  }
  $('#empty').hidden = list.length > 0;
  if (added && (nearBottom || state.version === null)) box.scrollTop = box.scrollHeight;
}

async function poll() {
  if (!state.as) return;
  const key = `${state.as}|${state.chat}`;
  try {
    const res = await api(`chat?as=${encodeURIComponent(state.as)}&chat=${state.chat}&v=${encodeURIComponent(state.version ?? '')}`);
    if (key !== `${state.as}|${state.chat}`) return; // switched meanwhile
    if (!res.unchanged) showMessages(res.messages);
    state.version = res.version;
  } catch (err) {
    console.warn(err);
  }
}

function switchTo(as, chat) {
  state.as = as;
  state.chat = chat;
  state.version = null;
  state.shown.clear();
  $('#messages').replaceChildren(h('div', { id: 'empty', class: 'empty' }, '暂无消息'));
  localStorage.setItem('diaodu-console', JSON.stringify({ as, chat }));
  drawSide();
  void poll();
}

function drawSide() {
  const s = state.session;
  const who = me();
  $('#who-name').textContent = who ? who.name : '';
  $('#who-detail').textContent = who ? who.detail : '';
  $('#identity').value = state.as;
  for (const item of document.querySelectorAll('.chat-item')) item.classList.toggle('active', item.dataset.chat === state.chat);
  $('#chat-title').textContent = state.chat === 'p2p' ? s.bot.name : s.group.name;
  $('#chat-subtitle').textContent =
    state.chat === 'p2p' ? '单聊 · 直接输入问题，如“安置房二期进展怎么样”“全市进度”“帮助”' : `群聊 · ${s.group.name}：@${s.bot.name} 后提问，机器人才会收到`;
  const input = $('#input');
  if (state.chat === 'group' && !input.value.trim()) input.value = `@${s.bot.name} `;
  if (state.chat === 'p2p' && input.value.trim() === `@${s.bot.name}`) input.value = '';
  $('#admin').hidden = !isAdmin();
}

async function send() {
  const input = $('#input');
  const text = input.value.trim();
  if (!text || state.busy) return;
  state.busy = true;
  $('#send').disabled = true;
  try {
    await api('message', { as: state.as, chat: state.chat, text });
    input.value = state.chat === 'group' ? `@${state.session.bot.name} ` : '';
  } catch (err) {
    toast({ type: 'error', content: err.message });
  } finally {
    state.busy = false;
    $('#send').disabled = false;
    await poll();
  }
}

async function adminAction(path, body, button) {
  button.disabled = true;
  try {
    const res = await api(path, { as: state.as, ...body });
    $('#admin-result').textContent = res.message;
    toast({ type: 'success', content: res.message });
  } catch (err) {
    $('#admin-result').textContent = err.message;
    toast({ type: 'warning', content: err.message });
  } finally {
    button.disabled = false;
  }
}

function buildShell() {
  const s = state.session;
  const select = $('#identity');
  for (const g of s.identities) {
    if (!g.people.length) continue;
    const group = h('optgroup', { label: g.title });
    for (const p of g.people) group.append(h('option', { value: p.openId }, g.role === 'admin' ? p.name : `${p.name}${p.detail ? ` · ${p.detail}` : ''}`));
    select.append(group);
  }
  select.addEventListener('change', () => switchTo(select.value, state.chat));
  const chats = $('#chats');
  chats.append(
    h(
      'div',
      { class: 'chat-item', 'data-chat': 'p2p', onclick: () => switchTo(state.as, 'p2p') },
      h('div', { class: 'avatar bot' }, '调'),
      h('div', {}, h('div', { class: 'chat-name' }, s.bot.name), h('div', { class: 'chat-hint' }, '单聊')),
    ),
    h(
      'div',
      { class: 'chat-item', 'data-chat': 'group', onclick: () => switchTo(state.as, 'group') },
      h('div', { class: 'avatar group' }, '群'),
      h('div', {}, h('div', { class: 'chat-name' }, s.group.name), h('div', { class: 'chat-hint' }, '群聊')),
    ),
  );
  const steps = [
    ['open', '开始本周调度'],
    ['remind', '发送催报提醒'],
    ['close', '截止并督办'],
  ];
  for (const [step, label] of steps) {
    const b = h('button', { class: 'btn btn-default fill', type: 'button', 'data-step': step }, label);
    b.addEventListener('click', async () => {
      if (await confirmDialog(label, `立即执行本周调度的“${label}”步骤？每个步骤每轮只执行一次。`)) await adminAction('admin/round', { step }, b);
    });
    $('#admin-steps').append(b);
  }
  const bulletin = h('button', { class: 'btn btn-primary_filled fill', type: 'button', id: 'compose-bulletin' }, '立即编制月通报');
  bulletin.addEventListener('click', () => adminAction('admin/bulletin', {}, bulletin));
  $('#admin-steps').append(bulletin);
  $('#send').addEventListener('click', send);
  $('#input').addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      void send();
    }
  });
}

/** The bot's time, and why round messages wait at night (the bot sends none between 22:00 and 08:00). */
function drawClock() {
  const now = new Date(Date.now() + state.clockOffset);
  const text = now.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', month: 'long', day: 'numeric', weekday: 'short', hour: '2-digit', minute: '2-digit' });
  const hour = Number(now.toLocaleString('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', hourCycle: 'h23' }));
  const quiet = hour >= 22 || hour < 8;
  $('#clock').replaceChildren(
    h('div', {}, `机器人时间：${text}`),
    quiet
      ? h(
          'div',
          { class: 'quiet' },
          '夜间（22:00—08:00）不发送调度消息，到时的卡片和提醒在 08:00 发出；问答不受影响。要演练白天的调度，可用 DIAODU_NOW 设定启动时刻。',
        )
      : '',
  );
}

async function main() {
  state.session = await api('session');
  state.clockOffset = Date.parse(state.session.now) - Date.now();
  drawClock();
  setInterval(drawClock, 30_000);
  buildShell();
  const all = state.session.identities.flatMap((g) => g.people.map((p) => p.openId));
  const saved = JSON.parse(localStorage.getItem('diaodu-console') ?? 'null');
  const params = new URLSearchParams(location.search);
  const as = [params.get('as'), saved?.as].find((x) => x && all.includes(x)) ?? all[0];
  const chat = [params.get('chat'), saved?.chat].find((x) => x === 'p2p' || x === 'group') ?? 'p2p';
  switchTo(as, chat);
  state.timer = setInterval(poll, 800);
}

main().catch((err) => {
  document.body.innerHTML = `<div class="fatal">控制台无法启动：${escapeHtml(err.message)}</div>`;
});
