/**
 * What outlets of each category look like in a Shanghai neighbourhood: the
 * chains, the independents' names, hours, services and price boards. Data
 * for the sample circle and the city generator. Name templates fill
 * {surname} and {street}; a chain's outlets are named "品牌(某某路店)".
 */
export interface Chain {
  brand: string;
  /** A name template other than "品牌({street}店)". */
  name?: string;
}

export interface CategoryProfile {
  chains: readonly (string | Chain)[];
  /** Share of outlets that belong to a chain (0–1). */
  chainShare: number;
  independents: readonly string[];
  /** OSM opening_hours; the first is the commonest. */
  hours: readonly string[];
  /** Hours for chain outlets, when they differ. */
  chainHours?: readonly string[];
  services: readonly string[];
  /** 小修小补 明码标价: items as a price board writes them. */
  prices?: readonly string[];
  /** Share of outlets that show their price board (0–1); 0.6 when left out. */
  pricedShare?: number;
}

/** "a、b、c" → ["a", "b", "c"]: long word lists stay one line each. */
function list(text: string): readonly string[] {
  return text.split("、");
}

export const SURNAMES: readonly string[] = list(
  "王、李、张、刘、陈、杨、黄、赵、周、吴、徐、孙、朱、马、胡、郭、林、何、高、罗",
);

/** Streets around 潍坊新村 (浦东新区). */
export const CIRCLE_STREETS: readonly string[] = list(
  "潍坊路、崂山路、浦东南路、张杨路、东方路、福山路、源深路、潍坊西路、南泉北路、峨山路、松林路、东昌路、商城路、即墨路、乳山路、竹林路",
);

/** More 浦东 streets, for city-sized data. */
export const CITY_STREETS: readonly string[] = [
  ...CIRCLE_STREETS,
  ...list(
    "世纪大道、浦东大道、杨高南路、成山路、德州路、上南路、高科西路、锦绣路、芳甸路、张江路、金桥路、川沙路、龙阳路、花木路、浦建路、蓝村路、塘桥路、浦电路、兰村路、临沂路、灵山路、博山路、羽山路、栖霞路、民生路、罗山路、长清路、耀华路、云台路、昌里路",
  ),
];

export const PROFILES: Readonly<Record<string, CategoryProfile>> = {
  convenience_store: {
    chains: list("全家、罗森、好德便利、快客便利、可的便利、喜士多、联华快客"),
    chainShare: 0.8,
    independents: list("{surname}家小超市、{street}烟杂店、万家福便利店、阿德便利店、邻家便利"),
    hours: list("Mo-Su 07:00-22:00、Mo-Su 06:30-22:30"),
    chainHours: list("24/7、24/7、Mo-Su 07:00-23:00"),
    services: list("代收代发、打印复印、充电宝、代缴水电煤、热食、鲜煮咖啡、雨伞借用、公交卡充值"),
  },
  supermarket: {
    chains: list("联华超市、世纪联华、华联超市、盒马鲜生、家乐福、乐购"),
    chainShare: 1,
    independents: list("{street}综合超市"),
    hours: list("Mo-Su 08:00-22:00、Mo-Su 07:30-22:00"),
    services: list("送货上门、代收代发、自助收银、会员积分、净菜加工"),
  },
  wet_market: {
    chains: [],
    chainShare: 0,
    independents: list("{street}菜市场、潍坊菜市场、崂山标准化菜场"),
    hours: list("Mo-Su 05:30-18:30、Mo-Su 06:00-19:00"),
    services: list("净菜加工、代客宰杀、公平秤、磨刀"),
  },
  fresh_grocery: {
    chains: list("钱大妈、叮咚买菜、盒马NB、清美鲜食、谊品生鲜、地利生鲜、百果园"),
    chainShare: 0.6,
    independents: list(
      "{surname}家蔬菜店、{street}鲜果店、阿芳菜店、{surname}记生鲜、社区平价菜店",
    ),
    hours: list("Mo-Su 07:00-21:00、Mo-Su 06:30-22:00"),
    services: list("净菜、线上下单、送货上门、社区团购自提"),
  },
  breakfast: {
    chains: list("巴比馒头、甘其食、永和豆浆、五芳斋"),
    chainShare: 0.3,
    independents: list(
      "阿婆早点、{surname}记大饼油条、{surname}记生煎、弄堂粢饭团、老{surname}家馄饨、{street}早点铺、阿姨豆浆",
    ),
    hours: list("Mo-Su 05:30-10:30、Tu-Su 06:00-11:00、Mo-Su 06:00-13:00、Mo-Sa 05:30-10:00"),
    chainHours: list("Mo-Su 06:00-20:00、Mo-Su 06:30-21:00"),
    services: list("堂食、外带、预订早餐、老人优惠"),
  },
  laundry: {
    chains: list("福奈特、象王洗衣"),
    chainShare: 0.5,
    independents: list("{surname}记洗衣店、洁丽干洗"),
    hours: list("Mo-Su 08:30-20:00、Tu-Su 09:00-19:00"),
    services: list("干洗、水洗、熨烫、织补、皮具护理、上门取送"),
    prices: list(
      "干洗西装 ￥35/件、羽绒服 ￥45/件、衬衫水洗 ￥12/件、改裤脚 ￥15/条、窗帘清洗 ￥20/米",
    ),
  },
  hair_beauty: {
    chains: list("永琪美发、文峰美发、沙宣"),
    chainShare: 0.25,
    independents: list(
      "丝艺美发、名剪造型、潮流发型、型格美发、美丽人生美容、{surname}师傅理发、{street}美甲店",
    ),
    hours: list("Mo-Su 09:30-21:30、Tu-Su 10:00-21:00、Mo-Su 08:00-18:00"),
    services: list("剪发、烫染、洗吹、老人上门理发、美甲、护肤"),
    prices: list("剪发 ￥30/次、老人剪发 ￥15/次、洗吹 ￥25/次、染发 ￥120/次"),
  },
  photo_print: {
    chains: [],
    chainShare: 0,
    independents: list("{street}图文打印、快印通文印、光影照相馆、{surname}记照相、立等可取证件照"),
    hours: list("Mo-Sa 09:00-19:00、Mo-Su 08:30-20:00"),
    services: list("打印复印、证件照、扫描、装订、照片冲印、塑封"),
    prices: list("黑白打印 ￥0.5/张、彩色打印 ￥2/张、证件照 ￥30/套、塑封 ￥3/张、扫描 ￥1/页"),
    pricedShare: 0.8,
  },
  housekeeping: {
    chains: list("三替家政、阿姨来了、管家帮"),
    chainShare: 0.5,
    independents: list("{street}家政服务社、巧手家政、{surname}阿姨家政"),
    hours: list("Mo-Sa 08:30-17:30、Mo-Su 08:00-20:00"),
    services: list("保洁、保姆、月嫂、育儿嫂、钟点工、家电清洗、老人陪护"),
    prices: list("钟点工 ￥45/小时、空调清洗 ￥120/台、油烟机清洗 ￥150/台"),
  },
  repair: {
    chains: [],
    chainShare: 0,
    independents: list(
      "王师傅修鞋配钥匙、{surname}师傅修鞋配钥匙、{surname}记家电维修、小{surname}手机维修、便民修补站、{street}修车铺、老{surname}钟表眼镜修理、{surname}阿姨缝补改衣",
    ),
    hours: list("Mo-Su 08:00-18:00、Tu-Su 08:00-20:00、Mo-Sa 08:30-17:30"),
    services: list(
      "修鞋、配钥匙、修伞、换拉链、改衣、磨刀、修自行车、家电维修、手机维修、换表电池",
    ),
    prices: list(
      "修鞋跟 ￥15/次、配钥匙 ￥5/把、换拉链 ￥20/条、修伞 ￥10/把、裤脚改短 ￥15/条、磨刀 ￥5/把、自行车补胎 ￥10/次、换表电池 ￥15/个、手机贴膜 ￥20/张",
    ),
    pricedShare: 1,
  },
  pharmacy: {
    chains: list("老百姓大药房、华氏大药房、第一医药、雷允上、益丰大药房、国大药房、养和堂"),
    chainShare: 0.9,
    independents: list("{street}药房、康民药房"),
    hours: list("Mo-Su 08:00-22:00、Mo-Su 08:30-21:00、24/7"),
    services: list("医保刷卡、测血压、中药代煎、送药上门、慢病管理"),
  },
  postal_express: {
    chains: [
      "菜鸟驿站",
      "菜鸟驿站",
      { brand: "中国邮政", name: "中国邮政{street}邮政所" },
      "顺丰速运",
      "京东快递",
      "中通快递",
      "韵达快递",
      "兔喜生活",
    ],
    chainShare: 1,
    independents: [],
    hours: list("Mo-Su 09:00-21:00、Mo-Su 08:00-20:00"),
    chainHours: list("Mo-Su 09:00-21:00、Mo-Fr 08:30-17:00; Sa 09:00-16:00、Mo-Su 08:00-20:00"),
    services: list("代收代发、寄件、取件、快递柜、代缴费用"),
  },
  recycling: {
    chains: list("小黄狗智能回收"),
    chainShare: 0,
    independents: list("{street}再生资源回收站"),
    hours: list("Tu-Su 08:00-17:00"),
    services: list("废纸回收、旧衣回收、家电回收、上门回收"),
    prices: list("废纸 ￥0.8/公斤、塑料瓶 ￥1/公斤、旧家电 ￥20/台"),
  },
  elderly_care: {
    chains: list("福寿康、爱照护"),
    chainShare: 0.3,
    independents: list(
      "潍坊新村街道综合为老服务中心、潍坊长者照护之家、{street}日间照料中心、崂山社区养老服务站",
    ),
    hours: list("Mo-Fr 08:00-17:00、Mo-Su 08:00-18:00、24/7"),
    services: list("日间照料、助浴、康复理疗、助餐、代配药、健康咨询、老年活动"),
  },
  community_canteen: {
    chains: [],
    chainShare: 0,
    independents: list("潍坊社区长者食堂、{street}助餐点、邻里中心社区食堂、{street}社区食堂"),
    hours: list("Mo-Su 10:30-13:00,16:30-18:30、Mo-Fr 11:00-13:00"),
    services: list("老人助餐、送餐上门、堂食、预订"),
    prices: list("一荤两素套餐 ￥15/份、老人优惠套餐 ￥12/份、送餐上门 ￥3/次"),
    pricedShare: 1,
  },
  specialty_dining: {
    chains: list(
      "小杨生煎、老盛昌、吉祥馄饨、沙县小吃、兰州拉面、肯德基、麦当劳、必胜客、外婆家、西贝莜面村、大娘水饺、南翔小笼",
    ),
    chainShare: 0.5,
    independents: list(
      "{surname}记本帮菜、{street}面馆、阿娘面、老{surname}家烧烤、川味小馆、东北饺子馆、新疆拌面、湘味轩、{surname}家私房菜",
    ),
    hours: list("Mo-Su 10:30-14:00,17:00-21:30、Mo-Su 10:00-22:00、Mo-Su 07:00-21:00"),
    services: list("堂食、外卖、包间、宴席预订"),
  },
  fitness: {
    chains: list("乐刻运动、超级猩猩、威尔士健身、一兆韦德"),
    chainShare: 0.5,
    independents: list("{street}社区健身苑、潍坊社区市民健身中心、悦动瑜伽馆、飞羽羽毛球馆"),
    hours: list("Mo-Su 06:30-22:00、Mo-Su 09:00-21:00"),
    chainHours: list("24/7、Mo-Su 06:30-22:00"),
    services: list("器械、团课、私教、淋浴、游泳"),
  },
  education: {
    chains: list("新东方、学而思、昂立教育、小码王"),
    chainShare: 0.3,
    independents: list(
      "童心美术、{surname}老师钢琴工作室、墨香书法、{street}少儿编程、舞之韵舞蹈、潍坊社区学校",
    ),
    hours: list("Mo-Fr 15:30-20:30; Sa,Su 09:00-18:00、Tu-Su 09:00-21:00"),
    services: list("少儿美术、钢琴、书法、编程、英语、老年大学课程、就业指导、公益课程"),
  },
  childcare: {
    chains: list("东方爱婴、红黄蓝托育"),
    chainShare: 0.3,
    independents: list("潍坊社区托育点、宝贝之家托育、小橡树托育园"),
    hours: list("Mo-Fr 07:30-18:00"),
    services: list("全日托、半日托、临时托、亲子活动"),
  },
  leisure: {
    chains: list("星聚会KTV、UME影城"),
    chainShare: 0.2,
    independents: list("{street}棋牌室、乐天台球、清心茶楼、{surname}家棋牌、潍坊社区文化活动室"),
    hours: list("Mo-Su 10:00-22:00、Mo-Su 09:00-02:00、Tu-Su 13:00-21:00"),
    services: list("棋牌、茶水、包间、台球、K歌"),
  },
  cafe: {
    chains: list("星巴克、瑞幸咖啡、Manner Coffee、库迪咖啡、Tims天好咖啡、皮爷咖啡"),
    chainShare: 0.7,
    independents: list("梧桐咖啡、弄堂咖啡、转角咖啡馆、拾光咖啡、慢时光咖啡"),
    hours: list("Mo-Su 07:30-20:00、Mo-Su 07:00-21:00、Tu-Su 10:00-19:00"),
    services: list("堂食、外卖、自带杯优惠、无线网络、充电"),
  },
  bookstore: {
    chains: list("新华书店、钟书阁"),
    chainShare: 0.4,
    independents: list("{street}书吧、半页书屋"),
    hours: list("Mo-Su 09:00-21:00"),
    services: list("图书、阅读空间、咖啡、讲座"),
  },
  pet_services: {
    chains: list("瑞鹏宠物医院、宠物家"),
    chainShare: 0.4,
    independents: list("{surname}家宠物美容、萌宠乐园"),
    hours: list("Mo-Su 09:00-21:00、24/7"),
    services: list("洗护、美容、寄养、疫苗、诊疗"),
  },
};
