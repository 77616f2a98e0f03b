ALTER TABLE `businesses` ADD `stripe_charges_enabled` integer;--> statement-breakpoint
ALTER TABLE `businesses` ADD `stripe_payouts_enabled` integer;--> statement-breakpoint
ALTER TABLE `businesses` ADD `stripe_requirements_due` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `payments` ADD `method_brand` text;--> statement-breakpoint
ALTER TABLE `payments` ADD `method_last4` text;--> statement-breakpoint
ALTER TABLE `payments` ADD `receipt_number` text;--> statement-breakpoint
ALTER TABLE `payments` ADD `dispute_id` text;--> statement-breakpoint
ALTER TABLE `payments` ADD `dispute_status` text;--> statement-breakpoint
ALTER TABLE `payments` ADD `dispute_amount` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `payments` ADD `dispute_reason` text DEFAULT '' NOT NULL;