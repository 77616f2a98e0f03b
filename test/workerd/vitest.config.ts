import { workerdProject } from "./project";

// Every workerd test, with the fake Stripe API delivering webhooks in order.
export default workerdProject({
  name: "workerd",
  include: ["{functions,test/workerd}/**/*.workerd.test.ts"],
  delivery: "in_order",
});
