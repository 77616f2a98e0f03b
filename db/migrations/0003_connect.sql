ALTER TABLE `businesses` ADD `stripe_charges_enabled` integer;--> statement-breakpoint
ALTER TABLE `businesses` ADD `stripe_payouts_enabled` integer;--> statement-breakpoint
ALTER TABLE `businesses` ADD `stripe_requirements_due` text DEFAULT '' NOT NULL;