export {
  RatingBoxDriver,
  type RatingBoxDriverOptions,
  type RatingPressEvent,
} from "./rating-box-driver.js";
