CREATE TABLE "document_inputs" (
	"document_id" uuid PRIMARY KEY NOT NULL,
	"input_sha256" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ledger_import_keys" (
	"key" text PRIMARY KEY NOT NULL,
	"ledger_entry_id" uuid NOT NULL,
	"imported_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "document_inputs" ADD CONSTRAINT "document_inputs_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;