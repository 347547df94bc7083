#include "modules/einvoice/model/from_document.hpp"

#include <nlohmann/json.hpp>

#include "modules/crm/domain/payment_method.hpp"
#include "modules/crm/domain/payment_terms.hpp"
#include "modules/einvoice/model/unit_codes.hpp"

namespace comptoir::einvoice {
namespace {

using nlohmann::json;
using sales::DocumentType;

std::string str(const json& j, const char* key) {
    return j.is_object() && j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string();
}

Decimal dec(Money m) { return Decimal::from_scaled(m.cents(), 2); }

std::string compact(std::string_view s) {
    std::string out;
    for (char c : s)
        if (c != ' ' && c != '\t' && c != '\n') out.push_back(c);
    return out;
}

Address address_of(const json& a) {
    Address out;
    out.line1 = str(a, "line1");
    out.line2 = str(a, "line2");
    out.postal_code = str(a, "postal_code");
    out.city = str(a, "city");
    out.country = str(a, "country");
    if (out.country.empty()) out.country = "FR";
    return out;
}

std::string display_date_fr(const std::string& iso) {
    if (iso.size() != 10) return iso;
    return iso.substr(8, 2) + "/" + iso.substr(5, 2) + "/" + iso.substr(0, 4);
}

std::string type_code(DocumentType t) {
    switch (t) {
        case DocumentType::DepositInvoice: return "386";
        case DocumentType::CreditNote: return "381";
        default: return "380";
    }
}

Party seller_party(const json& s) {
    Party p;
    p.name = str(s, "name");
    const std::string siren = compact(str(s, "siren"));
    const std::string siret = compact(str(s, "siret"));
    if (!siret.empty()) p.ids.push_back({siret, "0009"});
    if (!siren.empty()) {
        p.legal_id = {siren, "0002"};
        p.electronic_address = {siren, "0225"};  // the French directory's address: the SIREN
    } else if (!str(s, "email").empty()) {
        p.electronic_address = {str(s, "email"), "EM"};
    }
    p.vat_id = compact(str(s, "vat_number"));
    // BT-33: the legal mentions of the seller (Code de commerce R123-237).
    std::string info = str(s, "legal_form");
    if (s.contains("share_capital_cents") && s["share_capital_cents"].is_number_integer())
        info += (info.empty() ? "Capital de " : " au capital de ") +
                Money::from_cents(s["share_capital_cents"].get<std::int64_t>()).to_display_fr();
    if (!str(s, "rcs_city").empty() && !siren.empty())
        info += (info.empty() ? "" : " — ") + std::string("RCS ") + str(s, "rcs_city") + " " + siren;
    p.legal_info = info;
    p.address.line1 = str(s, "address_line1");
    p.address.line2 = str(s, "address_line2");
    p.address.postal_code = str(s, "postal_code");
    p.address.city = str(s, "city");
    p.address.country = str(s, "country").empty() ? "FR" : str(s, "country");
    p.contact_phone = str(s, "phone");
    p.contact_email = str(s, "email");
    return p;
}

Party buyer_party(const json& c) {
    Party p;
    p.name = str(c, "name");
    const std::string siren = compact(str(c, "siren"));
    const std::string siret = compact(str(c, "siret"));
    if (!siret.empty()) p.ids.push_back({siret, "0009"});
    if (!siren.empty()) {
        p.legal_id = {siren, "0002"};
        p.electronic_address = {siren, "0225"};
    } else if (!str(c, "email").empty()) {
        p.electronic_address = {str(c, "email"), "EM"};
    }
    p.vat_id = compact(str(c, "vat_number"));
    if (c.contains("billing")) p.address = address_of(c["billing"]);
    else p.address.country = "FR";
    p.contact_email = str(c, "email");
    return p;
}

// BT-81 (UNTDID 4461) for the payment methods of the client file.
std::string means_code(const std::string& method, bool has_iban) {
    auto m = crm::parse_payment_method(method);
    if (!m) return has_iban ? "58" : "30";
    switch (*m) {
        case crm::PaymentMethod::Transfer: return has_iban ? "58" : "30";
        case crm::PaymentMethod::Cheque: return "20";
        case crm::PaymentMethod::Card: return "48";
        case crm::PaymentMethod::Cash: return "10";
        case crm::PaymentMethod::DirectDebit: return "59";
        case crm::PaymentMethod::Other: return "1";
    }
    return "30";
}

std::pair<std::string, std::string> split_designation(const std::string& description) {
    auto nl = description.find('\n');
    if (nl == std::string::npos) return {description, ""};
    std::string rest = description.substr(nl + 1);
    while (!rest.empty() && (rest.back() == '\n' || rest.back() == '\r')) rest.pop_back();
    std::string first = description.substr(0, nl);
    if (!first.empty() && first.back() == '\r') first.pop_back();
    return {first, rest};
}

}  // namespace

bool is_einvoice_document(const sales::Document& d) {
    return d.type == DocumentType::Invoice || d.type == DocumentType::DepositInvoice ||
           d.type == DocumentType::SituationInvoice || d.type == DocumentType::CreditNote;
}

std::string framework_code(sales::OperationCategory operation, bool deposits_deducted) {
    std::string code = operation == sales::OperationCategory::Goods   ? "B"
                       : operation == sales::OperationCategory::Mixed ? "M"
                                                                      : "S";
    return code + (deposits_deducted ? "4" : "1");
}

Result<Invoice> from_document(const sales::Document& d, const sales::Totals& t, const EmissionContext& context) {
    if (!is_einvoice_document(d))
        return fail(Error::invalid_field("document", "einvoice.not_invoice",
                                         "Seules les factures et les avoirs ont une facture électronique.",
                                         "Only invoices and credit notes have an e-invoice."));
    const json seller = json::parse(d.seller_json.empty() ? "{}" : d.seller_json, nullptr, false);
    const json client = json::parse(d.client_json.empty() ? "{}" : d.client_json, nullptr, false);
    const bool credit = d.type == DocumentType::CreditNote;

    Invoice inv;
    inv.profile = context.profile;
    inv.number = d.number;
    inv.type_code = type_code(d.type);
    inv.issue_date = d.issue_date;
    inv.due_date = d.due_date;
    inv.business_process = framework_code(d.operation, !t.prepaid.is_zero());
    inv.seller = seller_party(seller);
    inv.buyer = buyer_party(client);
    inv.buyer_reference = context.buyer_reference;
    inv.order_reference = context.commitment_number.empty() ? d.customer_reference : context.commitment_number;
    inv.preceding = context.preceding;
    if (client.contains("delivery") && client["delivery"].is_object()) inv.delivery_address = address_of(client["delivery"]);
    const bool vat_on_debits = seller.contains("vat_on_debits") && seller["vat_on_debits"] == true;
    if (vat_on_debits) inv.vat_point_date_code = "5";

    // Notes: the French mandatory mentions first (BR-FR-05), each subject once (BR-FR-06).
    const bool business = str(client, "kind") != "individual";
    const std::string country = inv.buyer.address.country;
    inv.notes.push_back({"BAR", !business ? "B2C" : (country == "FR" ? "B2B" : "B2BINT")});
    inv.notes.push_back({"PMD",
                         "En cas de retard de paiement, une pénalité égale à trois fois le taux d'intérêt légal est "
                         "exigible (art. L441-10 du Code de commerce)."});
    inv.notes.push_back({"PMT",
                         "Indemnité forfaitaire pour frais de recouvrement en cas de retard de paiement : 40 € "
                         "(art. D441-5 du Code de commerce)."});
    inv.notes.push_back({"AAB", "Pas d'escompte pour paiement anticipé."});
    if (!d.title.empty()) inv.notes.push_back({"AAI", d.title});
    if (d.situation_number) inv.notes.push_back({"AAI", "Situation n° " + std::to_string(d.situation_number)});
    for (const auto& l : d.lines)
        if (l.line.kind == sales::LineKind::Text && !l.line.description.empty())
            inv.notes.push_back({"AAI", l.line.description});
    if (!d.notes.empty()) inv.notes.push_back({"AAI", d.notes});
    if (vat_on_debits) inv.notes.push_back({"TXD", "Option pour le paiement de la taxe d'après les débits."});
    if (!t.retention.is_zero())
        inv.notes.push_back({"AAI", "Retenue de garantie de " + t.retention_percent.to_string_fr() + " % : " +
                                        t.retention.to_display_fr() + " retenus sur le montant à payer (" +
                                        t.payable.to_display_fr() + " payables à l'échéance)."});

    // Payment.
    const std::string iban = compact(str(seller, "iban"));
    if (!credit) {
        inv.payment.means_code = means_code(d.payment_method, !iban.empty());
        if (auto m = crm::parse_payment_method(d.payment_method)) inv.payment.means_text = std::string(crm::label_fr(*m));
        if (inv.payment.means_code == "58" || inv.payment.means_code == "30") {
            inv.payment.iban = iban;
            inv.payment.bic = compact(str(seller, "bic"));
            inv.payment.account_name = inv.seller.name;
        }
        inv.payment.remittance = d.number;
        std::string terms;
        if (auto parsed = crm::parse_payment_terms(d.payment_terms)) terms = "Paiement : " + crm::label_fr(*parsed);
        if (!d.due_date.empty()) terms += std::string(terms.empty() ? "" : ", ") + "échéance le " + display_date_fr(d.due_date);
        if (!t.retention.is_zero()) terms += " ; retenue de garantie de " + t.retention.to_display_fr() + " déduite du paiement";
        inv.payment.terms = terms;
    } else {
        inv.payment.terms = "Avoir : montant à déduire de vos prochains règlements ou remboursé.";
    }

    // Lines: the items, each with the amounts compute_totals gave it.
    int n = 0;
    for (std::size_t i = 0; i < d.lines.size() && i < t.lines.size(); ++i) {
        const auto& src = d.lines[i];
        if (src.line.kind != sales::LineKind::Item) continue;
        Line l;
        l.id = std::to_string(++n);
        auto [name, description] = split_designation(src.line.description);
        l.name = name;
        l.description = description;
        l.seller_item_id = src.reference;
        l.quantity = src.line.quantity;
        l.unit_code = unit_code(src.line.unit);
        l.net_price = t.lines[i].net_unit_price;
        if (!src.line.discount_percent.is_zero()) {
            l.gross_price = src.line.unit_price;
            l.price_discount = src.line.unit_price - t.lines[i].net_unit_price;
        }
        l.net_amount = dec(t.lines[i].net);
        l.vat_category = std::string(sales::to_code(src.line.vat.category));
        // Outside the scope of VAT there is no rate at all (BR-O-05), not a rate of zero.
        if (src.line.vat.category != sales::VatCategory::OutsideScope) l.vat_rate = src.line.vat.percent;
        if (src.progress_percent)
            l.note = "Avancement cumulé : " + src.progress_percent->to_string_fr() + " % (montant facturé par cette situation)";
        inv.lines.push_back(std::move(l));
    }

    // The document discount: one allowance per VAT row, with the row's category and rate (BR-32/33).
    for (const auto& row : t.vat) {
        if (row.allowance.is_zero()) continue;
        AllowanceCharge a;
        a.amount = dec(row.allowance);
        a.base = dec(row.lines_net);
        a.percent = t.discount_percent;
        a.reason = "Remise";
        a.reason_code = "95";
        a.vat_category = std::string(sales::to_code(row.vat.category));
        if (row.vat.category != sales::VatCategory::OutsideScope) a.vat_rate = row.vat.percent;
        inv.allowances_charges.push_back(std::move(a));
    }

    for (const auto& row : t.vat) {
        VatRow v;
        v.category = std::string(sales::to_code(row.vat.category));
        if (row.vat.category != sales::VatCategory::OutsideScope) v.rate = row.vat.percent;
        v.taxable_amount = dec(row.basis);
        v.tax_amount = dec(row.vat_amount);
        if (row.vat.exemption != sales::VatExemption::None) {
            v.exemption_reason = std::string(sales::mention_fr(row.vat.exemption));
            v.exemption_code = std::string(sales::vatex_code(row.vat.exemption));
        }
        inv.vat.push_back(std::move(v));
    }

    // Category-specific data the rules require.
    bool only_outside_scope = !t.vat.empty(), only_franchise = !t.vat.empty(), intra_community = false;
    for (const auto& row : t.vat) {
        only_outside_scope = only_outside_scope && row.vat.category == sales::VatCategory::OutsideScope;
        only_franchise = only_franchise && row.vat.exemption == sales::VatExemption::FranchiseEnBase;
        intra_community = intra_community || row.vat.category == sales::VatCategory::IntraCommunity;
    }
    // Outside the scope of VAT, EN 16931 wants no VAT identifier in the data (BR-O-02); the PDF
    // still prints the seller's, as French law asks.
    if (only_outside_scope) inv.seller.vat_id.clear(), inv.buyer.vat_id.clear();
    // A micro-entrepreneur under the franchise has no VAT number: the SIREN identifies them for tax
    // purposes (BT-32), which is what BR-E-02 accepts.
    if (only_franchise && inv.seller.vat_id.empty()) inv.seller.tax_registration_id = inv.seller.legal_id.value;
    // Intra-community supplies state the delivery (BR-IC-11/12): with no date of its own on the
    // document, the operation is dated by the invoice (CGI ann. II art. 242 nonies A I 7°), and
    // the goods go to the delivery address, else the billing address.
    if (intra_community) {
        inv.delivery_date = d.issue_date;
        if (!inv.delivery_address) inv.delivery_address = inv.buyer.address;
    }

    inv.totals.line_net = dec(t.lines_net);
    if (!t.allowances.is_zero()) inv.totals.allowances = dec(t.allowances);
    inv.totals.tax_exclusive = dec(t.total_excl_vat);
    inv.totals.tax_amount = dec(t.total_vat);
    inv.totals.tax_inclusive = dec(t.total_incl_vat);
    if (!t.prepaid.is_zero()) inv.totals.prepaid = dec(t.prepaid);
    inv.totals.payable = dec(t.amount_due);
    return inv;
}

}  // namespace comptoir::einvoice
