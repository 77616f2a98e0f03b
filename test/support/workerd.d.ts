// The workerd package ships no types; the tests read one export of it.
declare module "workerd" {
  /** The newest compatibility date this build of the runtime supports. */
  export const compatibilityDate: string;
}
