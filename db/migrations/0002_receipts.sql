ALTER TABLE `payments` ADD `method_brand` text;--> statement-breakpoint
ALTER TABLE `payments` ADD `method_last4` text;--> statement-breakpoint
ALTER TABLE `payments` ADD `receipt_number` text;