#include "modules/einvoice/service/einvoice_service.hpp"

#include <algorithm>
#include <map>

#include <nlohmann/json.hpp>

#include "core/clock.hpp"
#include "modules/audit/audit_log.hpp"
#include "modules/einvoice/facturx/facturx.hpp"
#include "modules/einvoice/service/chorus_service.hpp"
#include "modules/einvoice/storage/einvoice_store.hpp"
#include "modules/einvoice/xml/cii.hpp"
#include "modules/einvoice/xml/ubl.hpp"
#include "modules/identity/service/company_service.hpp"
#include "modules/sales/storage/document_store.hpp"

namespace comptoir::einvoice {
namespace {


Error not_issued() {
    return Error::conflict("einvoice.not_issued",
                           "Seule une facture ou un avoir émis a une facture électronique : validez-le d'abord.",
                           "Only an issued invoice or credit note has an e-invoice: validate it first.");
}

}  // namespace

std::string_view to_code(Format f) {
    switch (f) {
        case Format::FacturX: return "facturx";
        case Format::Cii: return "cii";
        case Format::Ubl: return "ubl";
    }
    return "facturx";
}

Result<Format> parse_format(std::string_view code) {
    if (code == "facturx" || code == "factur-x") return Format::FacturX;
    if (code == "cii") return Format::Cii;
    if (code == "ubl") return Format::Ubl;
    return fail(Error::invalid_field("format", "format.unknown", "Format inconnu : choisissez facturx, cii ou ubl.",
                                     "Unknown format: choose facturx, cii or ubl."));
}

// The field a rule names, as the user knows it ("SIREN de votre société"), in French or English.
std::string field_label(const std::string& field, bool french) {
    struct Label {
        const char* fr;
        const char* en;
    };
    static const std::map<std::string, Label> kLabels = {
        {"seller.siren", {"SIREN de votre société", "your company's SIREN"}},
        {"seller.siret", {"SIRET de votre société", "your company's SIRET"}},
        {"seller.vat_number", {"numéro de TVA de votre société", "your company's VAT number"}},
        {"seller.iban", {"IBAN de votre société", "your company's IBAN"}},
        {"seller.address", {"adresse de votre société", "your company's address"}},
        {"seller.country", {"pays de votre société", "your company's country"}},
        {"seller.name", {"raison sociale de votre société", "your company's legal name"}},
        {"client.siren", {"SIREN du client", "client's SIREN"}},
        {"client.siret", {"SIRET du client", "client's SIRET"}},
        {"client.vat_number", {"numéro de TVA du client", "client's VAT number"}},
        {"client.address", {"adresse du client", "client's address"}},
        {"client.country", {"pays du client", "client's country"}},
        {"client.name", {"nom du client", "client's name"}},
        {"client.delivery", {"adresse de livraison", "delivery address"}},
        {"number", {"numéro", "number"}},
        {"issue_date", {"date d'émission", "issue date"}},
        {"due_date", {"échéance", "due date"}},
        {"totals", {"totaux", "totals"}},
        {"vat", {"récapitulatif de TVA", "VAT breakdown"}},
        {"notes", {"mentions", "notes"}},
        {"operation", {"catégorie d'opération", "type of operation"}},
        {"corrects", {"facture corrigée", "corrected invoice"}},
        {"payment_method", {"moyen de paiement", "payment method"}},
        {"delivery_date", {"date de livraison", "delivery date"}},
        {"lines", {"lignes", "lines"}},
    };
    if (auto it = kLabels.find(field); it != kLabels.end()) return french ? it->second.fr : it->second.en;
    if (field.rfind("lines[", 0) == 0) {
        auto close = field.find(']');
        std::string n = field.substr(6, close - 6);
        std::string line = french ? "ligne" : "line";
        try {
            return line + " " + std::to_string(std::stoi(n) + 1);
        } catch (...) {
            return line;
        }
    }
    if (field.rfind("vat[", 0) == 0) return french ? "récapitulatif de TVA" : "VAT breakdown";
    if (field.rfind("allowances", 0) == 0) return french ? "remise" : "allowance";
    if (field.rfind("charges", 0) == 0) return french ? "frais" : "charge";
    return field;
}

Error rules_error(const std::vector<RuleViolation>& violations) {
    std::vector<FieldIssue> issues;
    for (const auto& v : violations)
        issues.push_back({v.field, "einvoice." + v.rule,
                          v.rule + " · " + field_label(v.field, true) + " (" + v.term + ") : " + v.message_fr,
                          v.rule + " · " + field_label(v.field, false) + " (" + v.term + "): " + v.message_en});
    Error e = Error::invalid(std::move(issues));
    e.code = "einvoice.rules";
    e.message_fr = "Cette facture ne respecte pas les règles de la facture électronique (EN 16931) : corrigez les points "
                   "ci-dessous avant de la valider.";
    e.message_en = "This invoice breaks e-invoicing rules (EN 16931): correct the points below before validating it.";
    // A new company's first invoice: its own identity is what is missing, said first and plainly.
    if (std::any_of(violations.begin(), violations.end(), [](const RuleViolation& v) { return v.field.rfind("seller.", 0) == 0; })) {
        e.message_fr = "Votre société n'est pas encore entièrement identifiée : complétez Administration › Société "
                       "(SIREN, SIRET, numéro de TVA, adresse, IBAN), puis validez la facture. Détail :";
        e.message_en = "Your company's identity is incomplete: fill in Administration › Company (SIREN, SIRET, VAT "
                       "number, address, IBAN), then validate the invoice. Details:";
    }
    return e;
}

EinvoiceService::EinvoiceService(store::Database& db, sales::DocumentService& documents, identity::CompanyService& companies)
    : db_(db), documents_(documents), companies_(companies) {}

Result<EinvoiceSettings> EinvoiceService::settings(const Actor& actor) {
    auto conn = db_.acquire();
    auto s = storage::settings(*conn, actor.company_id);
    return EinvoiceSettings{s.enabled, s.profile};
}

Result<EinvoiceSettings> EinvoiceService::update_settings(const Actor& actor, const EinvoiceSettings& input) {
    if (!actor.is_admin()) return fail(Error::forbidden());
    if (input.profile != Profile::En16931 && input.profile != Profile::Basic && input.profile != Profile::Minimum)
        return fail(Error::invalid_field("profile", "profile.unsupported",
                                         "Profils possibles : EN 16931 (recommandé), BASIC ou MINIMUM.",
                                         "Supported profiles: EN 16931 (recommended), BASIC or MINIMUM."));
    if (input.enabled) {
        // The company's identity is on every e-invoice: check it before promising compliant ones.
        TRY_RESULT(company, companies_.get(actor));
        const auto& f = company.fields;
        std::vector<FieldIssue> issues;
        if (f.siren.empty())
            issues.push_back({"siren", "einvoice.BR-FR-10", "Renseignez le SIREN de votre société (Administration › Société).",
                              "Fill in the company's SIREN."});
        if (f.address_line1.empty() || f.postal_code.empty() || f.city.empty())
            issues.push_back({"address", "einvoice.BR-08", "Renseignez l'adresse complète de votre société.",
                              "Fill in the company's full address."});
        if (!issues.empty()) {
            Error e = Error::invalid(std::move(issues));
            e.message_fr = "La facturation électronique demande l'identité complète de votre société.";
            e.message_en = "E-invoicing needs the company's full identity.";
            return fail(std::move(e));
        }
    }
    auto saved = store::with_transaction(db_, true, [&](store::Connection& conn) -> Result<void> {
        storage::save_settings(conn, actor.company_id, {input.enabled, input.profile}, now_iso());
        audit::record(conn, actor, "einvoice_settings", actor.company_id, "update",
                      {{"enabled", input.enabled}, {"profile", std::string(to_code(input.profile))}});
        return {};
    });
    if (!saved) return fail(saved.error());
    return settings(actor);
}

EmissionContext EinvoiceService::context_of(store::Connection& conn, std::int64_t company_id, const sales::Document& d,
                                            Profile profile) {
    EmissionContext c;
    c.profile = profile;
    // Public-sector buyers: Chorus Pro's service code (BT-10) and commitment number (BT-13).
    if (d.id) {
        const PublicClient refs = public_refs(conn, company_id, d.id, d.client_id);
        if (refs.public_sector) {
            c.buyer_reference = refs.service_code;
            c.commitment_number = refs.commitment_number;
        }
    }
    if (d.type == sales::DocumentType::CreditNote && d.corrects_id)
        if (auto invoice = sales::storage::find_document(conn, company_id, *d.corrects_id))
            c.preceding.push_back({invoice->number, invoice->issue_date});
    // A final invoice lists the deposit invoices it deducts.
    if (!d.prepaid.is_zero() && d.source_id)
        if (auto source = sales::storage::find_document(conn, company_id, *d.source_id))
            for (const auto& link : sales::storage::links(conn, company_id, *source))
                if (link.type == sales::DocumentType::DepositInvoice && link.relation == "derived" &&
                    link.status != sales::DocumentStatus::Draft)
                    if (auto deposit = sales::storage::find_document(conn, company_id, link.id))
                        c.preceding.push_back({deposit->number, deposit->issue_date});
    return c;
}

Result<void> EinvoiceService::check(store::Connection& conn, const Actor& actor, const sales::Document& d,
                                    const sales::Totals& totals) {
    if (!is_einvoice_document(d)) return {};
    freeze_public_refs(conn, actor.company_id, d.id, d.client_id);  // the issued invoice keeps them
    const auto s = storage::settings(conn, actor.company_id);
    if (!s.enabled) return {};
    TRY_RESULT(inv, from_document(d, totals, context_of(conn, actor.company_id, d, s.profile)));
    auto violations = errors_only(check_rules(inv));
    if (!violations.empty()) return fail(rules_error(violations));
    return {};
}

Result<std::string> EinvoiceService::finish(std::int64_t company_id, const sales::Document& d, const sales::Totals& totals,
                                            std::string pdf) {
    if (!is_einvoice_document(d)) return pdf;
    auto conn = db_.acquire();
    const auto s = storage::settings(*conn, company_id);
    if (!s.enabled) return pdf;
    TRY_RESULT(inv, from_document(d, totals, context_of(*conn, company_id, d, s.profile)));
    conn.reset();
    return facturx::make_facturx(pdf, xml::write_cii(inv), facturx::metadata_of(inv));
}

Result<sales::DocumentDetail> EinvoiceService::issued(const Actor& actor, std::int64_t id) {
    TRY_RESULT(detail, documents_.get(actor, id));
    if (!is_einvoice_document(detail.document) || detail.document.status == sales::DocumentStatus::Draft || !detail.totals)
        return fail(not_issued());
    return detail;
}

Result<Invoice> EinvoiceService::invoice(const Actor& actor, std::int64_t id) {
    TRY_RESULT(detail, issued(actor, id));
    auto conn = db_.acquire();
    const auto s = storage::settings(*conn, actor.company_id);
    return from_document(detail.document, *detail.totals, context_of(*conn, actor.company_id, detail.document, s.profile));
}

Result<DocumentCheck> EinvoiceService::check_document(const Actor& actor, std::int64_t id) {
    TRY_RESULT(inv, invoice(actor, id));
    return DocumentCheck{inv.profile, check_rules(inv)};
}

Result<ExportedFile> EinvoiceService::export_document(const Actor& actor, std::int64_t id, Format format) {
    TRY_RESULT(inv, invoice(actor, id));
    const std::string base = inv.number.empty() ? "facture" : inv.number;
    std::string safe;
    for (char c : base) safe.push_back(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' ? c : '-');
    switch (format) {
        case Format::Cii: return ExportedFile{xml::write_cii(inv), safe + "-cii.xml", "application/xml"};
        case Format::Ubl: return ExportedFile{xml::write_ubl(inv), safe + "-ubl.xml", "application/xml"};
        case Format::FacturX: {
            TRY_RESULT(pdf, documents_.pdf(actor, id));
            // Issued as Factur-X: the stored file, byte for byte (its hash is in the chain).
            if (facturx::has_facturx_attachment(pdf)) return ExportedFile{std::move(pdf), safe + ".pdf", "application/pdf"};
            TRY_RESULT(made, facturx::make_facturx(pdf, xml::write_cii(inv), facturx::metadata_of(inv)));
            return ExportedFile{std::move(made), safe + ".pdf", "application/pdf"};
        }
    }
    return fail(Error::internal("format"));
}

}  // namespace comptoir::einvoice
