#include "modules/einvoice/service/reception_service.hpp"

#include <nlohmann/json.hpp>

#include "core/clock.hpp"
#include "modules/audit/audit_log.hpp"
#include "modules/einvoice/api/einvoice_json.hpp"
#include "modules/einvoice/inbound/received_file.hpp"
#include "modules/identity/service/company_service.hpp"
#include "store/keyset_cursor.hpp"

namespace comptoir::einvoice {
namespace {

using nlohmann::json;

std::string digits(const std::string& s) {
    std::string out;
    for (char c : s)
        if (c >= '0' && c <= '9') out.push_back(c);
    return out;
}

std::string compact_upper(const std::string& s) {
    std::string out;
    for (char c : s)
        if (!std::isspace(static_cast<unsigned char>(c))) out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
    return out;
}

// The seller's SIREN: its legal registration (scheme 0002, or nine digits for a French seller), else
// the start of a SIRET (scheme 0009).
std::string siren_of(const Party& p) {
    const std::string legal = digits(p.legal_id.value);
    if ((p.legal_id.scheme == "0002" || p.legal_id.scheme.empty()) && legal.size() == 9 &&
        (p.address.country == "FR" || p.legal_id.scheme == "0002"))
        return legal;
    for (const auto& id : p.ids)
        if (id.scheme == "0009" && digits(id.value).size() == 14) return digits(id.value).substr(0, 9);
    if (p.legal_id.scheme == "0009" && legal.size() == 14) return legal.substr(0, 9);
    return "";
}

std::string siret_of(const Party& p) {
    for (const auto& id : p.ids)
        if (id.scheme == "0009" && digits(id.value).size() == 14) return digits(id.value);
    if (p.legal_id.scheme == "0009") return digits(p.legal_id.value);
    return "";
}

}  // namespace

bool can_import(const Actor& actor) { return actor.role == Role::Admin || actor.role == Role::Accountant; }

std::vector<RuleViolation> checks_from_json(const std::string& text) {
    std::vector<RuleViolation> out;
    auto j = json::parse(text, nullptr, false);
    if (!j.is_array()) return out;
    for (const auto& v : j)
        out.push_back({v.value("rule", ""), v.value("term", ""), v.value("field", ""), v.value("message_fr", ""),
                       v.value("message_en", ""), v.value("warning", false)});
    return out;
}

ReceptionService::ReceptionService(store::Database& db, identity::CompanyService& companies, std::string schema_dir)
    : db_(db), companies_(companies), schema_dir_(std::move(schema_dir)) {}

Result<ImportOutcome> ReceptionService::import(const Actor& actor, const std::string& bytes, const std::string& filename,
                                               const std::string& source) {
    if (!can_import(actor)) return fail(Error::forbidden());
    {
        auto conn = db_.acquire();
        if (!conn->query_one("SELECT 1 FROM companies WHERE id = ?", {actor.company_id}))
            return fail(Error::not_found("Cette société n'existe pas.", "This company does not exist."));
    }
    TRY_RESULT(received, read_received(bytes, schema_dir_));
    Invoice& inv = received.parsed.invoice;
    if (inv.number.empty())
        return fail(Error::invalid_field("file", "supplier_invoice.no_number",
                                         "La facture n'a pas de numéro (BT-1) : elle ne peut pas être enregistrée.",
                                         "The invoice has no number (BT-1): it cannot be recorded."));
    if (inv.seller.name.empty() && siren_of(inv.seller).empty() && inv.seller.vat_id.empty())
        return fail(Error::invalid_field("file", "supplier_invoice.no_seller",
                                         "La facture ne dit pas qui est le fournisseur (BT-27, BT-30, BT-31).",
                                         "The invoice does not say who the supplier is (BT-27, BT-30, BT-31)."));
    // The checks: what could not be read, the schema, the rules; and whether it is addressed to us.
    std::vector<RuleViolation> checks = received.parsed.issues;
    for (auto& v : check_rules(inv)) checks.push_back(std::move(v));
    if (auto company = companies_.get(actor); company && !company->fields.siren.empty()) {
        const std::string buyer = siren_of(inv.buyer);
        if (!buyer.empty() && buyer != digits(company->fields.siren))
            checks.push_back({"BUYER", "BT-47", "client.siren",
                              "Cette facture est adressée au SIREN " + buyer + ", pas à celui de votre société.",
                              "This invoice is addressed to SIREN " + buyer + ", not to your company's.", true});
    }
    int errors = 0;
    for (const auto& c : checks) errors += c.warning ? 0 : 1;
    json checks_json = json::array();
    for (const auto& c : checks)
        checks_json.push_back({{"rule", c.rule}, {"term", c.term}, {"field", c.field}, {"message_fr", c.message_fr},
                               {"message_en", c.message_en}, {"warning", c.warning}});

    const std::string siren = siren_of(inv.seller), vat = compact_upper(inv.seller.vat_id);
    auto duplicate = [&](std::int64_t existing_id, const std::string& when, const std::string& supplier) {
        return Error::conflict("supplier_invoice.duplicate",
                               "La facture " + inv.number + " de " + supplier + " a déjà été importée le " +
                                   display_datetime(when, "fr") + " (facture fournisseur n° " + std::to_string(existing_id) +
                                   ") : elle n'est pas importée une seconde fois.",
                               "Invoice " + inv.number + " from " + supplier + " was already imported on " +
                                   display_datetime(when, "en") + " (supplier invoice " + std::to_string(existing_id) + ").");
    };
    try {
        return store::with_transaction(db_, true, [&](store::Connection& conn) -> Result<ImportOutcome> {
            ImportOutcome out;
            const std::string now = now_iso();
            auto supplier = storage::match_supplier(conn, actor.company_id, siren, vat);
            if (supplier) {
                if (auto existing = storage::existing_invoice(conn, actor.company_id, supplier->id, inv.number))
                    return fail(duplicate(existing->first, existing->second, supplier->name));
                out.supplier_id = supplier->id;
            } else {
                storage::Supplier s;
                s.name = inv.seller.name.empty() ? (inv.seller.trading_name.empty() ? siren + vat : inv.seller.trading_name)
                                                 : inv.seller.name;
                s.siren = siren;
                s.siret = siret_of(inv.seller);
                s.vat_number = vat;
                s.address = inv.seller.address;
                s.email = inv.seller.contact_email;
                s.iban = compact_upper(inv.payment.iban);
                out.supplier_id = storage::insert_supplier(conn, actor.company_id, s, now);
                out.supplier_created = true;
                audit::record(conn, actor, "supplier", out.supplier_id, "create", {{"name", s.name}, {"siren", s.siren}});
            }
            storage::SupplierInvoiceRow row;
            row.supplier_id = out.supplier_id;
            row.format = received.format;
            row.checks_json = checks_json.dump(-1, ' ', false, json::error_handler_t::replace);
            row.errors = errors;
            row.original_name = filename.substr(0, 200);
            row.source = source;
            row.imported_at = now;
            row.imported_by = actor.user_id;
            row.invoice = inv;
            out.id = storage::insert_supplier_invoice(conn, actor.company_id, row, bytes);
            audit::record(conn, actor, "supplier_invoice", out.id, "import",
                          {{"number", inv.number}, {"format", received.format}, {"source", source}, {"errors", errors}});
            out.format = received.format;
            out.profile = inv.profile;
            out.number = inv.number;
            out.checks = checks;
            return out;
        });
    } catch (const store::UniqueViolation&) {
        // Two imports of the same invoice at once: the second finds the first.
        auto conn = db_.acquire();
        if (auto supplier = storage::match_supplier(*conn, actor.company_id, siren, vat))
            if (auto existing = storage::existing_invoice(*conn, actor.company_id, supplier->id, inv.number))
                return fail(duplicate(existing->first, existing->second, supplier->name));
        throw;
    }
}

Result<SupplierInvoicePage> ReceptionService::list(const Actor& actor, int limit, std::optional<std::int64_t> before_id) {
    if (limit < 1 || limit > 200)
        return fail(Error::invalid_field("limit", "limit.range", "La taille de page doit être comprise entre 1 et 200.",
                                         "The page size must be between 1 and 200."));
    auto conn = db_.acquire();
    SupplierInvoicePage page;
    page.items = storage::list_supplier_invoices(*conn, actor.company_id, limit + 1, before_id);
    page.next_before_id = store::keep_page(page.items, limit);
    return page;
}

Result<SupplierInvoiceDetail> ReceptionService::get(const Actor& actor, std::int64_t id) {
    auto conn = db_.acquire();
    auto row = storage::find_supplier_invoice(*conn, actor.company_id, id);
    if (!row) return fail(Error::not_found("Cette facture fournisseur n'existe pas.", "This supplier invoice does not exist."));
    auto supplier = storage::find_supplier(*conn, actor.company_id, row->supplier_id);
    SupplierInvoiceDetail out{*row, supplier.value_or(storage::Supplier{}), checks_from_json(row->checks_json)};
    return out;
}

Result<storage::Original> ReceptionService::original(const Actor& actor, std::int64_t id) {
    auto conn = db_.acquire();
    auto o = storage::load_original(*conn, actor.company_id, id);
    if (!o) return fail(Error::not_found("Cette facture fournisseur n'existe pas.", "This supplier invoice does not exist."));
    return *o;
}

}  // namespace comptoir::einvoice
