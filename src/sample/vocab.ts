// Word lists for the fictional city of 临江市: its counties and zones, its responsible units, its leaders' posts,
// Chinese surnames and given names, and the pieces project names are built from. Every name the generator writes is
// drawn from these lists; none is a real person or project.

export const CITY = { name: '临江市', codePrefix: 'LJ', mailDomain: 'linjiang.gov.cn' } as const;

/** Ten counties, districts and zones, plus 市直 (projects owned by city departments), which is its own bucket. */
export const COUNTIES = ['江北区', '江南区', '临江新区', '高新区', '经开区', '东阳县', '西山县', '青河县', '石门县', '云台县'] as const;
export const CITY_LEVEL = '市直';

export const CATEGORIES = ['产业项目', '基础设施', '社会民生', '生态环保', '城市更新'] as const;
export type Category = (typeof CATEGORIES)[number];

/** City departments and city-owned companies, with the categories of project they are responsible for. */
export const CITY_UNITS: ReadonlyArray<{ name: string; categories: readonly Category[] }> = [
  { name: '市发展改革委', categories: ['产业项目', '基础设施'] },
  { name: '市工业和信息化局', categories: ['产业项目'] },
  { name: '市住房城乡建设局', categories: ['城市更新', '基础设施'] },
  { name: '市交通运输局', categories: ['基础设施'] },
  { name: '市水利局', categories: ['基础设施', '生态环保'] },
  { name: '市教育局', categories: ['社会民生'] },
  { name: '市卫生健康委', categories: ['社会民生'] },
  { name: '市文化广电旅游局', categories: ['社会民生', '产业项目'] },
  { name: '市城市管理局', categories: ['生态环保', '城市更新'] },
  { name: '市生态环境局', categories: ['生态环保'] },
  { name: '市自然资源和规划局', categories: ['城市更新', '生态环保'] },
  { name: '市城投集团', categories: ['城市更新', '基础设施'] },
  { name: '市交投集团', categories: ['基础设施'] },
  { name: '市水务集团', categories: ['基础设施', '生态环保'] },
];

/** The unit a county or zone reports through. */
export const countyUnit = (county: string) =>
  /区$/.test(county) && !/新区|高新区|经开区/.test(county) ? `${county}人民政府` : /县$/.test(county) ? `${county}人民政府` : `${county}管委会`;

/** City leaders' posts, in protocol order: the first is the mayor. */
export const LEADER_POSTS = [
  '市长',
  '常务副市长',
  '副市长',
  '副市长',
  '副市长',
  '副市长',
  '副市长',
  '市委常委',
  '市委常委',
  '市委常委',
  '市人大常委会副主任',
  '市政协副主席',
] as const;

export const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '吴',
  '周',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
  '何',
  '高',
  '林',
  '罗',
  '郑',
  '梁',
  '谢',
  '宋',
  '唐',
  '许',
  '韩',
  '冯',
  '邓',
  '曹',
  '彭',
  '曾',
  '肖',
  '田',
  '董',
  '袁',
  '潘',
  '于',
  '蒋',
  '蔡',
  '余',
  '杜',
  '叶',
  '程',
  '苏',
  '魏',
  '吕',
  '丁',
  '任',
  '沈',
  '姚',
  '卢',
  '姜',
  '崔',
  '钟',
  '谭',
  '陆',
  '汪',
  '范',
  '廖',
] as const;
export const GIVEN_NAMES = [
  '建华',
  '志刚',
  '国平',
  '立军',
  '海燕',
  '晓峰',
  '文博',
  '丽娟',
  '明远',
  '春梅',
  '振宇',
  '秀兰',
  '卫东',
  '静怡',
  '宏伟',
  '子轩',
  '思源',
  '雅琴',
  '德明',
  '玉珍',
  '永强',
  '晨阳',
  '佳怡',
  '少华',
  '红霞',
  '伟民',
  '凤英',
  '嘉伟',
  '俊峰',
  '淑芬',
  '新民',
  '学良',
  '慧玲',
  '云飞',
  '兆丰',
  '秋菊',
  '国庆',
  '丹丹',
  '鹏程',
  '若曦',
  '长青',
  '金花',
  '书涵',
  '正阳',
  '冬梅',
] as const;

/** Place words used inside project names (streets, areas, rivers, lakes). */
export const ROADS = ['滨江大道', '临江路', '长安路', '望湖路', '学府路', '工业大道', '人民路', '环城北路', '迎春大道', '科创大道'] as const;
export const AREAS = ['老城', '北站', '南湖', '河西', '桃源', '城东', '梅林', '铁路', '东关', '西园'] as const;
export const RIVERS = ['临江', '清水河', '白沙河', '龙溪', '青溪', '长湖'] as const;
export const INDUSTRIES = ['新能源电池', '生物医药', '智能装备', '电子信息', '新材料', '绿色食品', '汽车零部件', '光伏组件'] as const;
export const COMPANY_WORDS = ['恒远', '华创', '鼎盛', '瑞丰', '中科', '天合', '宏达', '金桥', '博源', '新锐', '江海', '东方'] as const;
export const PHASES = ['', '', '一期', '二期', '二期', '三期'] as const;

/** Project name patterns per category; `p` is a place prefix ('' for 市直 projects, otherwise the county). */
export const NAME_PATTERNS: Record<Category, ReadonlyArray<(w: NameWords) => string>> = {
  产业项目: [(w) => `${w.p}${w.industry}产业园${w.phase}`, (w) => `${w.company}${w.industry}生产基地项目`, (w) => `${w.p}${w.industry}产业孵化中心`],
  基础设施: [
    (w) => `${w.p}${w.road}快速化改造工程`,
    (w) => `${w.p}${w.area}污水处理厂及配套管网工程`,
    (w) => `${w.river}防洪治理工程（${w.reach}段）`,
    (w) => `${w.p}${w.area}综合交通枢纽`,
  ],
  社会民生: [
    (w) => `${w.p}人民医院${w.area}院区`,
    (w) => `${w.p}${w.area}实验学校新建工程`,
    (w) => `${w.p}${w.area}养老服务中心`,
    (w) => `${w.p}体育中心${w.phase}`,
  ],
  生态环保: [(w) => `${w.river}流域生态修复工程（${w.reach}段）`, (w) => `${w.p}生活垃圾焚烧发电工程`, (w) => `${w.p}${w.area}湿地公园`],
  城市更新: [(w) => `${w.p}${w.area}棚户区改造安置房${w.phase}`, (w) => `${w.p}${w.area}老旧小区改造工程`, (w) => `${w.p}${w.area}历史街区保护更新`],
};
export type NameWords = { p: string; reach: string; road: string; area: string; river: string; industry: string; company: string; phase: string };

/** What gets built, with its unit of quantity, per category. */
export const CONTENT: Record<Category, ReadonlyArray<[string, string]>> = {
  产业项目: [
    ['标准厂房', '万平方米'],
    ['研发楼', '万平方米'],
    ['生产线', '条'],
  ],
  基础设施: [
    ['道路', '公里'],
    ['配套管网', '公里'],
    ['堤防', '公里'],
  ],
  社会民生: [
    ['教学及综合楼', '万平方米'],
    ['医疗业务用房', '万平方米'],
    ['场馆', '万平方米'],
  ],
  生态环保: [
    ['河道整治', '公里'],
    ['生态绿地', '万平方米'],
    ['处理设施', '座'],
  ],
  城市更新: [
    ['安置住房', '万平方米'],
    ['改造小区', '个'],
    ['配套道路', '公里'],
  ],
};
