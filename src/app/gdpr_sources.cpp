#include "app/gdpr_sources.hpp"

#include "modules/gdpr/service/gdpr_service.hpp"

namespace comptoir {

void plug_gdpr_sources(gdpr::GdprService& gdpr) {
    // sales: issued documents keep their frozen buyer (client_json) as issued (Code de commerce
    // L123-22, and the hash chain); only drafts lose their free text. A draft reads its buyer from the
    // client card, which the anonymisation rewrites.
    gdpr.add_table({.key = "sales.documents",
                    .label_fr = "Documents commerciaux",
                    .label_en = "Commercial documents",
                    .table = "documents",
                    .export_columns = {"id", "type", "status", "number", "issue_date", "title", "customer_reference",
                                       "notes", "total_incl_vat_cents", "client_json", "validated_at", "created_at"},
                    .scrub = {{"title", ""}, {"customer_reference", ""}, {"notes", ""}},
                    .scrub_condition = "status = 'draft'",
                    .activity_column = "updated_at"});
    // The lines of drafts may quote the person in their descriptions.
    gdpr.add_table({.key = "sales.draft_lines",
                    .table = "document_lines",
                    .client_filter = "document_id IN (SELECT id FROM documents WHERE company_id = ? AND client_id = ? AND "
                                     "status = 'draft')",
                    .scrub_identifiers_in = {"description"}});
    // payments: accounting entries stay (date, amount, method, bank reference); the free notes and
    // cancellation reasons lose the person's identifiers.
    gdpr.add_table({.key = "payments.payments",
                    .label_fr = "Règlements",
                    .label_en = "Payments",
                    .table = "payments",
                    .export_columns = {"id", "kind", "payment_date", "amount_cents", "method", "reference", "bank_account",
                                       "notes", "cancelled", "cancel_reason", "created_at"},
                    .scrub = {{"notes", ""}},
                    .scrub_identifiers_in = {"cancel_reason"},
                    .activity_column = "created_at"});
    // mail: what was sent (recipients, subject, body) is the person's; the record of a send stays.
    gdpr.add_table({.key = "mail.sends",
                    .label_fr = "E-mails envoyés",
                    .label_en = "E-mails sent",
                    .table = "mail_sends",
                    .export_columns = {"id", "kind", "level", "document_number", "recipients", "cc", "bcc", "subject",
                                       "body", "status", "created_at", "finished_at"},
                    .contact_columns = {"recipients", "cc", "bcc"},
                    .scrub = {{"recipients", "[]"},
                              {"cc", "[]"},
                              {"bcc", "[]"},
                              {"subject", "E-mail anonymisé"},
                              {"body", ""},
                              {"client_name", "{neutral}"},
                              {"error_detail", ""}},
                    .scrub_identifiers_in = {"recipients", "cc", "bcc", "subject", "body", "client_name"},
                    .activity_column = "created_at"});
    // duplicates: a group's evidence quotes the shared e-mail, phone or SIRET.
    gdpr.add_table({.key = "duplicates.groups",
                    .label_fr = "Groupes de doublons",
                    .label_en = "Duplicate groups",
                    .table = "duplicate_groups",
                    .client_filter = "id IN (SELECT group_id FROM duplicate_members WHERE company_id = ? AND client_id = ?)",
                    .export_columns = {"id", "reason", "score", "evidence", "status", "found_at"},
                    .scrub = {{"evidence", "[]"}}});
    // duplicates: a merge keeps every member's card as it was, for its undo. Those copies are emptied:
    // once a member is erased, the merge can no longer be undone (duplicates refuses an undo whose
    // survivor changed since), and the copies would bring the person back.
    gdpr.add_table({.key = "duplicates.merges",
                    .label_fr = "Fusions de doublons",
                    .label_en = "Duplicate merges",
                    .table = "duplicate_merges",
                    .client_filter = "group_id IN (SELECT group_id FROM duplicate_members WHERE company_id = ? AND "
                                     "client_id = ?)",
                    .export_columns = {"id", "survivor_id", "absorbed", "choices", "before_cards", "status", "merged_at"},
                    .scrub = {{"choices", "{}"}, {"before_cards", "{}"}, {"survivor_after", "{}"}}});
    // einvoice: the client's public-sector data (Chorus Pro service code, commitment number).
    gdpr.add_table({.key = "einvoice.public_sector",
                    .label_fr = "Données secteur public (Chorus Pro)",
                    .label_en = "Public-sector data (Chorus Pro)",
                    .table = "einvoice_public_clients",
                    .export_columns = {"public_sector", "service_code", "commitment_number", "updated_at"}});
}

}  // namespace comptoir
