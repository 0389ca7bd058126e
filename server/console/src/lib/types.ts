/** The staff API's types, from the shared contract (src-shared/api/staff.ts). */
export type * from '../../../../src-shared/api/staff';
