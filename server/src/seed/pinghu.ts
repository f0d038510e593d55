/**
 * Demo reference data for Pinghu (平湖市): towns and streets with some of their villages and
 * communities, a liaison station each, the handling units of PRODUCT.md, and deputies at
 * four levels. Deputies' names are made up; avatars are generated.
 */
export interface TownSeed {
  id: string;
  name: string;
  villages: string[];
  station: string;
  address: string;
  reception: string;
}

export const CITY = { id: 'pinghu', name: '平湖市' };

export const TOWNS: TownSeed[] = [
  {
    id: 'danghu',
    name: '当湖街道',
    villages: ['东湖社区', '南河头社区', '虹霓社区', '胜利社区', '梅兴社区', '通界村'],
    station: '当湖街道人大代表联络站',
    address: '平湖市当湖街道胜利路128号',
    reception: '每月5日、20日 9:00–11:30',
  },
  {
    id: 'zhongdai',
    name: '钟埭街道',
    villages: ['钟埭社区', '钟溪社区', '沈家弄村', '南市村', '徐家埭村'],
    station: '钟埭街道人大代表联络站',
    address: '平湖市钟埭街道钟埭路66号',
    reception: '每月8日 9:00–11:30',
  },
  {
    id: 'caoqiao',
    name: '曹桥街道',
    villages: ['曹桥社区', '百寿村', '马厩村', '民主村'],
    station: '曹桥街道人大代表联络站',
    address: '平湖市曹桥街道曹兴路18号',
    reception: '每月10日 14:00–16:30',
  },
  {
    id: 'zhapu',
    name: '乍浦镇',
    villages: ['乍浦社区', '雅山社区', '中山社区', '汤山村', '九龙山村'],
    station: '乍浦镇人大代表联络站',
    address: '平湖市乍浦镇中山东路201号',
    reception: '每月12日 9:00–11:30',
  },
  {
    id: 'xindai',
    name: '新埭镇',
    villages: ['新埭社区', '鱼圻塘村', '星火村', '旧埭村'],
    station: '新埭镇人大代表联络站',
    address: '平湖市新埭镇新中路35号',
    reception: '每月15日 9:00–11:30',
  },
  {
    id: 'xincang',
    name: '新仓镇',
    villages: ['新仓社区', '三叉河村', '芦湾村', '秀平桥村'],
    station: '新仓镇人大代表联络站',
    address: '平湖市新仓镇仓庆路9号',
    reception: '每月18日 9:00–11:30',
  },
  {
    id: 'dushangang',
    name: '独山港镇',
    villages: ['全塘社区', '黄山村', '赵家桥村', '海塘村'],
    station: '独山港镇人大代表联络站',
    address: '平湖市独山港镇全塘路100号',
    reception: '每月20日 14:00–16:30',
  },
  {
    id: 'huanggu',
    name: '黄姑镇',
    villages: ['黄姑社区', '虹光村', '黄姑塘村', '全公亭村'],
    station: '黄姑镇人大代表联络站',
    address: '平湖市黄姑镇黄姑路58号',
    reception: '每月22日 9:00–11:30',
  },
  {
    id: 'guangchen',
    name: '广陈镇',
    villages: ['广陈社区', '山塘村', '泗泾村', '龙萌村'],
    station: '广陈镇人大代表联络站',
    address: '平湖市广陈镇广兴路12号',
    reception: '每月25日 9:00–11:30',
  },
  {
    id: 'lindai',
    name: '林埭镇',
    villages: ['林埭社区', '徐埭村', '前港村', '林家埭村'],
    station: '林埭镇人大代表联络站',
    address: '平湖市林埭镇林中路7号',
    reception: '每月28日 9:00–11:30',
  },
];

export const DEPARTMENTS = [
  { id: 'zjj', name: '市住房和城乡建设局', kind: 'department' as const },
  { id: 'sthj', name: '嘉兴市生态环境局平湖分局', kind: 'department' as const },
  { id: 'jtj', name: '市交通运输局', kind: 'department' as const },
  { id: 'jyj', name: '市教育局', kind: 'department' as const },
  { id: 'wglt', name: '市文化广电旅游体育局', kind: 'department' as const },
  { id: 'rsj', name: '市人力资源和社会保障局', kind: 'department' as const },
  { id: 'swj', name: '市商务局', kind: 'department' as const },
  { id: 'wjj', name: '市卫生健康局', kind: 'department' as const },
  { id: 'zfb', name: '市政府办公室', kind: 'organ' as const },
  { id: 'jw', name: '市监察委员会', kind: 'organ' as const },
  { id: 'fy', name: '市人民法院', kind: 'organ' as const },
  { id: 'jcy', name: '市人民检察院', kind: 'organ' as const },
];

/** The 7 first-level categories of the labelled public data, with their default units. */
export const CATEGORIES = [
  { id: 'construction', name: '城乡建设', unit: 'zjj' },
  { id: 'environment', name: '环境保护', unit: 'sthj' },
  { id: 'transport', name: '交通运输', unit: 'jtj' },
  { id: 'education', name: '教育文体', unit: 'jyj' },
  { id: 'labor', name: '劳动和社会保障', unit: 'rsj' },
  { id: 'commerce', name: '商贸旅游', unit: 'swj' },
  { id: 'health', name: '卫生计生', unit: 'wjj' },
];

export const townUnitName = (town: TownSeed) => (town.name.endsWith('街道') ? `${town.name}办事处` : `${town.name}人民政府`);

const SURNAMES = '张王李赵陈刘杨黄吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程沈';
const GIVEN = [
  '建国',
  '秀英',
  '伟民',
  '丽华',
  '志强',
  '海燕',
  '国庆',
  '美玲',
  '晓东',
  '红梅',
  '文杰',
  '雪芳',
  '振华',
  '春燕',
  '明辉',
  '玉兰',
  '建军',
  '慧敏',
  '永康',
  '佳怡',
  '立新',
  '桂芳',
  '宏伟',
  '晓燕',
  '德胜',
  '静怡',
  '卫东',
  '淑珍',
  '学军',
  '雅琴',
  '长青',
  '凤英',
  '其昌',
  '亚萍',
];

export interface DeputySeed {
  code: string;
  name: string;
  level: 'province' | 'prefecture' | 'county' | 'town';
  townId: string;
  constituency: string;
  bio: string;
}

/** 34 deputies: 2 provincial, 4 of 嘉兴市, 14 of 平湖市 and 14 town-level (at least 3 per town). */
export function deputySeeds(): DeputySeed[] {
  const levels: DeputySeed['level'][] = [
    ...Array<DeputySeed['level']>(2).fill('province'),
    ...Array<DeputySeed['level']>(4).fill('prefecture'),
    ...Array<DeputySeed['level']>(14).fill('county'),
    ...Array<DeputySeed['level']>(14).fill('town'),
  ];
  const jobs = [
    '社区党委书记',
    '村党总支书记',
    '企业负责人',
    '中学教师',
    '乡村医生',
    '个体工商户',
    '农业合作社理事长',
    '律师',
    '环卫工人',
    '街道干部',
    '退休干部',
    '外卖骑手',
    '幼儿园园长',
    '工程师',
  ];
  return levels.map((level, i) => {
    const town = TOWNS[i % TOWNS.length]!;
    const village = town.villages[Math.floor(i / TOWNS.length) % town.villages.length]!;
    const name = `${SURNAMES[(i * 7) % SURNAMES.length]}${GIVEN[i % GIVEN.length]}`;
    const constituency =
      level === 'province'
        ? `平湖市（${town.name}）`
        : level === 'prefecture'
          ? `平湖市${town.name}选区`
          : level === 'county'
            ? `${town.name}第${(i % 4) + 1}选区`
            : `${town.name}${village}选区`;
    return {
      code: `D${String(i + 1).padStart(3, '0')}`,
      name,
      level,
      townId: town.id,
      constituency,
      bio: `${town.name}${village}${jobs[i % jobs.length]}，热心为群众办实事。`,
    };
  });
}
