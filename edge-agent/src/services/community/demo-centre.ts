/**
 * Demo mode's community centre (the sample circle's 潍坊新村邻里中心): its
 * directory, two notices and three sessions this kiosk runs, dated from the
 * day the agent starts so a demo always has something to book.
 */
import type { CentreDirectory, NoticeMessage, SessionDefinition } from "@linli/protocols/api";

export const DEMO_DIRECTORY: CentreDirectory = {
  nameZh: "潍坊新村邻里中心",
  nameEn: "Weifang Xincun Neighbourhood Centre",
  addressZh: "潍坊路 488 号",
  hoursZh: "每天 08:00-20:00",
  hoursEn: "Daily 08:00-20:00",
  phone: "021-5888 1234",
  entries: [
    {
      id: "canteen",
      kind: "service",
      nameZh: "社区食堂 · 长者助餐点",
      nameEn: "Community canteen and senior meals",
      whereZh: "一楼东侧",
      whereEn: "Ground floor, east",
      hoursZh: "午餐 11:00-13:00，晚餐 17:00-18:30",
      hoursEn: "Lunch 11:00-13:00, dinner 17:00-18:30",
      phone: "021-5888 1201",
      descriptionZh: "60 岁以上老人凭预约享助餐优惠，可代为送餐上门。",
      descriptionEn: "Discounted meals for residents over 60 who book; delivery on request.",
    },
    {
      id: "classroom",
      kind: "room",
      nameZh: "公益课堂（书画室）",
      nameEn: "Community classroom (calligraphy and painting)",
      whereZh: "二楼 201 室",
      whereEn: "First floor, room 201",
      hoursZh: "周二至周日 09:00-17:00",
      hoursEn: "Tue-Sun 09:00-17:00",
      descriptionZh: "书法、绘画、智能手机使用等公益课程，免费参加，需预约。",
      descriptionEn: "Free courses: calligraphy, painting, using a smartphone. Booking needed.",
    },
    {
      id: "job-station",
      kind: "job-station",
      nameZh: "就享家 乐业服务站",
      nameEn: "Jiuxiangjia job station",
      whereZh: "二楼 205 室",
      whereEn: "First floor, room 205",
      hoursZh: "周一至周五 09:00-17:00",
      hoursEn: "Mon-Fri 09:00-17:00",
      phone: "021-5888 1205",
      descriptionZh: "求职登记、职业规划、就业指导、技能培训、创业扶持，一站式就业服务。",
      descriptionEn: "Job registration, career advice, coaching, training and start-up support.",
    },
    {
      id: "health-room",
      kind: "room",
      nameZh: "健康小屋",
      nameEn: "Health corner",
      whereZh: "一楼西侧",
      whereEn: "Ground floor, west",
      hoursZh: "每天 08:30-11:30",
      hoursEn: "Daily 08:30-11:30",
      descriptionZh: "自助测量血压、血糖，每周三上午家庭医生坐诊。",
      descriptionEn:
        "Blood pressure and glucose self-checks; a family doctor on Wednesday mornings.",
    },
    {
      id: "front-desk",
      kind: "contact",
      nameZh: "服务台（社工值班）",
      nameEn: "Front desk (social worker on duty)",
      whereZh: "一楼大厅",
      whereEn: "Ground floor lobby",
      hoursZh: "每天 08:00-20:00",
      hoursEn: "Daily 08:00-20:00",
      phone: "021-5888 1234",
    },
  ],
};

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** The next time the Beijing clock shows hh:mm, at least an hour from `now`. */
function nextBeijing(now: Date, hour: number, minute: number): Date {
  const shifted = new Date(now.getTime() + 8 * HOUR_MS);
  const dayStart = Date.UTC(shifted.getUTCFullYear(), shifted.getUTCMonth(), shifted.getUTCDate());
  let at = dayStart + (hour * 60 + minute) * 60_000 - 8 * HOUR_MS;
  if (at < now.getTime() + HOUR_MS) at += DAY_MS;
  return new Date(at);
}

function dayTag(at: Date): string {
  return new Date(at.getTime() + 8 * HOUR_MS).toISOString().slice(0, 10).replaceAll("-", "");
}

export function demoSessions(kiosk: string, now: Date): SessionDefinition[] {
  const session = (
    key: string,
    hour: number,
    minute: number,
    minutes: number,
    rest: Omit<SessionDefinition, "id" | "startsAt" | "endsAt">,
  ): SessionDefinition => {
    const starts = nextBeijing(now, hour, minute);
    return {
      id: `${kiosk}-${key}-${dayTag(starts)}`,
      startsAt: starts.toISOString(),
      endsAt: new Date(starts.getTime() + minutes * 60_000).toISOString(),
      ...rest,
    };
  };
  return [
    session("lunch", 11, 30, 60, {
      kind: "meal",
      titleZh: "长者助餐 · 午餐",
      titleEn: "Senior lunch",
      placeZh: "一楼社区食堂",
      placeEn: "Community canteen, ground floor",
      capacity: 20,
      audience: "elderly",
      noteZh: "一荤两素一汤，助餐价 12 元",
      noteEn: "One meat, two vegetable dishes and soup, 12 yuan",
      maxSeatsPerBooking: 2,
    }),
    session("calligraphy", 14, 30, 90, {
      kind: "course",
      titleZh: "公益课程 · 书法班",
      titleEn: "Free course: calligraphy",
      placeZh: "二楼 201 书画室",
      placeEn: "Room 201, first floor",
      capacity: 12,
      audience: "everyone",
      noteZh: "笔墨纸由中心提供",
      noteEn: "Brushes, ink and paper provided",
      maxSeatsPerBooking: 1,
    }),
    session("job-coaching", 9, 30, 90, {
      kind: "employment",
      titleZh: "就业指导 · 就享家",
      titleEn: "Job coaching at Jiuxiangjia",
      placeZh: "二楼 205 就享家服务站",
      placeEn: "Jiuxiangjia job station, room 205",
      capacity: 6,
      audience: "job-seekers",
      noteZh: "请带身份证，可现场做求职登记",
      noteEn: "Bring your ID card; job registration on the spot",
      maxSeatsPerBooking: 1,
    }),
  ];
}

export function demoNotices(now: Date): NoticeMessage[] {
  const from = new Date(now.getTime() - HOUR_MS).toISOString();
  const until = new Date(now.getTime() + 30 * DAY_MS).toISOString();
  return [
    {
      id: "demo-clinic",
      titleZh: "本周六上午 社区义诊",
      titleEn: "Free health check this Saturday morning",
      bodyZh: "周六 9:00-11:30 在一楼大厅，量血压、测血糖、用药咨询，免费参加。",
      bodyEn: "Saturday 9:00-11:30 in the lobby: blood pressure, glucose, medicine advice. Free.",
      priority: "important",
      validFrom: from,
      validUntil: until,
    },
    {
      id: "demo-lunch",
      titleZh: "长者助餐可在自助机预约",
      titleEn: "Book senior lunches at the kiosk",
      bodyZh: "60 岁以上老人可在本机预约午餐，凭预约凭条或手机尾号取餐。",
      bodyEn:
        "Residents over 60 can book lunch here and collect it with the ticket or phone digits.",
      priority: "normal",
      validFrom: from,
      validUntil: until,
    },
  ];
}
