import { PAYMENT_TESTS, workerdProject } from "../workerd/project";

// The payment tests again, with the fake Stripe API delivering webhooks late, twice and out of
// order: every outcome must be the same as with delivery in order.
export default workerdProject({
  name: "workerd-shuffled",
  include: PAYMENT_TESTS,
  delivery: "shuffled",
});
