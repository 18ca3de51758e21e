// A bulletin-shaped test card with a VChart chart, a table and a collapsible panel, posted to the group through the
// double's Open API as the bot would post it. It stands in for the monthly bulletin until that is built; its
// figures are test figures and its title says so.
import { randomUUID } from 'node:crypto';
import { createFeishuApi } from '../../src/feishu/api';
import { SANDBOX_GROUP } from '../../src/sandbox/identities';
import type { RunningSandbox } from '../../src/sandbox/start';

const COUNTIES = [
  { county: '江北区', rate: 91.4 },
  { county: '江南区', rate: 84.7 },
  { county: '东阳县', rate: 78.2 },
  { county: '云台县', rate: 72.9 },
  { county: '临江新区', rate: 66.5 },
];

export function testBulletinCard() {
  return {
    schema: '2.0',
    config: { update_multi: true, summary: { content: '图表显示测试' } },
    header: { title: { tag: 'plain_text', content: '重点项目建设通报（图表显示测试）' }, subtitle: { tag: 'plain_text', content: '测试数据，非正式通报' }, template: 'blue' },
    body: {
      elements: [
        { tag: 'markdown', content: '**本期综述**：以下为<font color=\'red\'>测试数据</font>，用于检查卡片中的图表、表格和折叠面板能否正常显示。' },
        {
          tag: 'chart',
          aspect_ratio: '16:9',
          chart_spec: {
            type: 'bar',
            title: { visible: true, text: '各县区年度投资完成率（%）' },
            data: [{ id: 'counties', values: COUNTIES }],
            xField: 'county',
            yField: 'rate',
            label: { visible: true },
          },
        },
        {
          tag: 'table',
          page_size: 5,
          row_height: 'low',
          header_style: { text_align: 'left', text_size: 'normal', background_style: 'grey', text_color: 'default', bold: true, lines: 1 },
          columns: [
            { name: 'county', display_name: '县区', data_type: 'text', horizontal_align: 'left', width: 'auto' },
            { name: 'rate', display_name: '完成率(%)', data_type: 'number', format: { precision: 1 }, horizontal_align: 'left', width: 'auto' },
          ],
          rows: COUNTIES,
        },
        {
          tag: 'collapsible_panel',
          expanded: false,
          header: { title: { tag: 'markdown', content: '**下步工作要求**' } },
          elements: [{ tag: 'markdown', content: '各责任单位对照序时进度，加快推进滞后项目。' }],
        },
      ],
    },
  };
}

/** Sends the card to the sandbox's group with the bot's own app credentials, through the Open API. */
export async function postTestBulletin(sandbox: RunningSandbox): Promise<string> {
  const api = createFeishuApi(sandbox.feishu);
  const sent = await api.send({ receiveIdType: 'chat_id', receiveId: SANDBOX_GROUP.chatId, msgType: 'interactive', content: JSON.stringify(testBulletinCard()), uuid: randomUUID() });
  return sent.messageId;
}
