export { CITY_DEFAULT_CENTER, type CityOptions, generateCity } from "./city.js";
export { importSampleCircle, sampleCircleFile } from "./import-sample.js";
export {
  generateSampleCircle,
  SAMPLE_CENTRE_GCJ02,
  SAMPLE_CIRCLE_GAPS,
  type SampleCircle,
  sampleCircleText,
} from "./sample-circle.js";
