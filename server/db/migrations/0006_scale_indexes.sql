CREATE INDEX "bank_dossier_idx" ON "bank_accounts" USING btree ("dossier_id","version");--> statement-breakpoint
CREATE INDEX "contracts_dossier_idx" ON "contracts" USING btree ("dossier_id");--> statement-breakpoint
CREATE INDEX "documents_dossier_period_idx" ON "documents" USING btree ("dossier_id","period");--> statement-breakpoint
CREATE INDEX "occupants_dossier_idx" ON "occupants" USING btree ("dossier_id");