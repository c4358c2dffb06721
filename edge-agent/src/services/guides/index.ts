export {
  type GuideDocumentOptions,
  type GuideOutlet,
  guideDocument,
  hoursInWords,
  openNowInWords,
} from "./guide-document.js";
export { GuideService, type GuideServiceOptions, MAX_GUIDE_OUTLETS } from "./guide-service.js";
export { holdReasonOf, residentJobView } from "./job-status.js";
export {
  checkNavigationTemplate,
  NAVIGATION_PLACEHOLDERS,
  type NavigationTarget,
  navigationData,
  PLAIN_TEXT_TEMPLATE,
} from "./navigation.js";
