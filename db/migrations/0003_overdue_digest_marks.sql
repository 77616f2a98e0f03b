CREATE TABLE `overdue_digest_marks` (
	`invoice_id` text PRIMARY KEY NOT NULL,
	`business_id` text NOT NULL,
	`digest_date` text NOT NULL,
	`run_id` text NOT NULL,
	`claimed_at` integer NOT NULL,
	`sent_at` integer,
	FOREIGN KEY (`invoice_id`) REFERENCES `invoices`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`business_id`) REFERENCES `businesses`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `overdue_digest_marks_business_day_idx` ON `overdue_digest_marks` (`business_id`,`digest_date`);