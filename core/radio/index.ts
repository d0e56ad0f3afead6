export { RadioWorkQueue, RadioWorkPriority } from './work-queue.js';
export type { RadioWork, RadioWorkItem, RadioWorkInfo, RadioWorkResult } from './work-queue.js';
