/**
 * The rate flow's words. `en` must have the same keys as `zhCN`; both are
 * merged into the kiosk's dictionary in ../strings.ts.
 */
export const zhCN = {
  rateTitle: "服务评价",
  rateSubjectKiosk: "请为本中心的自助服务打分",
  rateSubjectOutlet: "请为「{name}」打分",
  rateSubjectService: "请为{name}打分",
  rateFacesLabel: "满意程度",
  rateReasonsTitle: "哪里不满意？",
  rateReasonsHint: "请至少选一项，我们会据此改进",
  rateReasonsNeeded: "请至少选择一个不满意的原因",
  rateSubmit: "提交评价",
  rateSending: "正在提交…",
  rateThanks: "感谢您的评价！",
  rateYourRating: "您的评价：{level}",
  rateFollowUp: "工作人员会尽快回访，改进服务。",
  rateAlready: "您这次已经评价过了",
  rateAlreadyDetail: "每次使用只计一次评价，谢谢您的支持！",
  rateSubjectGone: "没有找到要评价的对象，可以为本中心的服务打分",
  rateKioskInstead: "为本中心打分",
  rateBackHome: "返回首页",
  speechRate: "服务评价。{subject}。五个选项从非常满意到非常不满意，选好后点提交评价。",
  speechRateReasons: "您选了{level}。请告诉我们哪里不满意：{list}。",
  speechRateThanks: "感谢您的评价！您的评价是{level}。",
  rateThisOutlet: "评价这家店",
} as const satisfies Record<string, string>;

export const en: Record<keyof typeof zhCN, string> = {
  rateTitle: "Rate our service",
  rateSubjectKiosk: "How was the self-service at this centre?",
  rateSubjectOutlet: "How was {name}?",
  rateSubjectService: "How was the {name} service?",
  rateFacesLabel: "How satisfied you are",
  rateReasonsTitle: "What was not good?",
  rateReasonsHint: "Choose at least one, so it can be put right",
  rateReasonsNeeded: "Please choose at least one reason",
  rateSubmit: "Send rating",
  rateSending: "Sending…",
  rateThanks: "Thank you for your rating!",
  rateYourRating: "You rated: {level}",
  rateFollowUp: "A member of staff will follow this up soon.",
  rateAlready: "You have already given a rating this time",
  rateAlreadyDetail: "One rating per visit is counted. Thank you for your support!",
  rateSubjectGone: "What you wanted to rate was not found. You can rate this centre instead.",
  rateKioskInstead: "Rate this centre",
  rateBackHome: "Back to the start",
  speechRate:
    "Rate our service. {subject} Five choices from very satisfied to very dissatisfied; then tap Send rating.",
  speechRateReasons: "You chose {level}. Please tell us what was not good: {list}.",
  speechRateThanks: "Thank you for your rating! You rated {level}.",
  rateThisOutlet: "Rate this place",
};
