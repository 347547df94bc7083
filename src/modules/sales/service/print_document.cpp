#include "modules/sales/service/print_document.hpp"

#include <nlohmann/json.hpp>

#include "core/clock.hpp"
#include "modules/crm/domain/payment_method.hpp"
#include "modules/crm/domain/payment_terms.hpp"
#include "modules/sales/pdf/render_pdf.hpp"

namespace comptoir::sales {
namespace {

using nlohmann::json;

std::string str(const json& j, const char* key) {
    return j.is_object() && j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string();
}

std::vector<std::string> address_lines(const std::string& l1, const std::string& l2, const std::string& postal,
                                       const std::string& city, const std::string& country) {
    std::vector<std::string> out;
    if (!l1.empty()) out.push_back(l1);
    if (!l2.empty()) out.push_back(l2);
    std::string town = postal + (postal.empty() || city.empty() ? "" : " ") + city;
    if (!town.empty()) out.push_back(town);
    if (!country.empty() && country != "FR") out.push_back(country);
    return out;
}

std::vector<std::string> address_of(const json& a) {
    return address_lines(str(a, "line1"), str(a, "line2"), str(a, "postal_code"), str(a, "city"), str(a, "country"));
}

std::string upper_fr(std::string_view label) {
    // The few labels are ASCII but for "é" in "Facture de situation"/"Bon de commande": map by hand.
    std::string out;
    for (std::size_t i = 0; i < label.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(label[i]);
        if (c == 0xC3 && i + 1 < label.size() && static_cast<unsigned char>(label[i + 1]) == 0xA9) {
            out += "\xC3\x89";  // é → É
            ++i;
        } else {
            out.push_back(static_cast<char>(std::toupper(c)));
        }
    }
    return out;
}

std::string rate_label(const VatRate& v) {
    if (v.category == VatCategory::Standard || v.category == VatCategory::ZeroRated) return v.percent.to_string_fr() + " %";
    return std::string(label_fr(v.category));
}

std::string eur(Money m) { return m.to_display_fr(); }

std::string iban_groups(const std::string& iban) {
    std::string out;
    for (std::size_t i = 0; i < iban.size(); ++i) {
        if (i && i % 4 == 0) out.push_back(' ');
        out.push_back(iban[i]);
    }
    return out;
}

}  // namespace

pdf::PrintableDocument letterhead(const std::string& seller_json, const std::string& client_json, const std::string& logo) {
    const json seller = json::parse(seller_json.empty() ? "{}" : seller_json, nullptr, false);
    const json client = json::parse(client_json.empty() ? "{}" : client_json, nullptr, false);
    pdf::PrintableDocument p;
    p.seller.name = str(seller, "name");
    p.seller.legal_form = str(seller, "legal_form");
    if (seller.contains("share_capital_cents") && seller["share_capital_cents"].is_number_integer())
        p.seller.share_capital = eur(Money::from_cents(seller["share_capital_cents"].get<std::int64_t>()));
    p.seller.address_lines = address_lines(str(seller, "address_line1"), str(seller, "address_line2"),
                                           str(seller, "postal_code"), str(seller, "city"), str(seller, "country"));
    p.seller.siren = str(seller, "siren");
    p.seller.siret = str(seller, "siret");
    p.seller.rcs_city = str(seller, "rcs_city");
    p.seller.vat_number = str(seller, "vat_number");
    p.seller.phone = str(seller, "phone");
    p.seller.email = str(seller, "email");
    p.seller.website = str(seller, "website");
    p.seller.logo = logo;

    p.client.name = str(client, "name");
    if (client.contains("billing")) p.client.address_lines = address_of(client["billing"]);
    p.client.siren = str(client, "siren");
    p.client.vat_number = str(client, "vat_number");
    if (client.contains("delivery") && client["delivery"].is_object()) p.delivery_address = address_of(client["delivery"]);

    p.payment.iban = iban_groups(str(seller, "iban"));
    p.payment.bic = str(seller, "bic");
    return p;
}

pdf::PrintableDocument printable(const PrintInput& input) {
    const Document& d = input.document;
    const Totals& t = input.totals;
    const json seller = json::parse(d.seller_json.empty() ? "{}" : d.seller_json, nullptr, false);

    pdf::PrintableDocument p;
    p.kind_label = upper_fr(label_fr(d.type));
    p.number = d.number;
    p.issue_date = display_date(d.issue_date.empty() ? today_paris() : d.issue_date, "fr");
    if (d.type == DocumentType::Quote && !d.validity_date.empty()) {
        p.due_date = display_date(d.validity_date, "fr");
        p.due_date_label = "Valable jusqu'au";
    } else if (!d.due_date.empty()) {
        p.due_date = display_date(d.due_date, "fr");
    }
    p.subject = d.title;
    if (!d.customer_reference.empty()) p.reference_lines.push_back("Votre référence : " + d.customer_reference);
    if (d.situation_number) p.reference_lines.push_back("Situation n° " + std::to_string(d.situation_number));
    p.operation = d.operation == OperationCategory::Goods      ? pdf::Operation::goods
                  : d.operation == OperationCategory::Mixed    ? pdf::Operation::mixed
                                                               : pdf::Operation::services;
    if (input.draft) p.watermark = "BROUILLON";
    else if (d.type == DocumentType::ProForma) p.watermark = "PRO FORMA";

    pdf::PrintableDocument head = letterhead(d.seller_json, d.client_json, input.logo);
    p.seller = std::move(head.seller);
    p.client = std::move(head.client);
    p.delivery_address = std::move(head.delivery_address);

    bool any_discount = false;
    for (const auto& l : d.lines) any_discount = any_discount || l.line.discount_percent.mantissa() != 0;
    for (std::size_t i = 0; i < d.lines.size(); ++i) {
        const auto& l = d.lines[i];
        pdf::PrintableLine x;
        x.description = l.line.description;
        switch (l.line.kind) {
            case LineKind::Section: x.kind = pdf::LineKind::section; break;
            case LineKind::Text: x.kind = pdf::LineKind::note; break;
            case LineKind::Subtotal:
                x.kind = pdf::LineKind::subtotal;
                if (x.description.empty()) x.description = "Sous-total";
                if (i < t.lines.size()) x.total = eur(t.lines[i].subtotal);
                break;
            case LineKind::Item:
                x.kind = pdf::LineKind::item;
                x.reference = l.reference;
                x.quantity = l.line.quantity.to_string_fr();
                x.unit = l.line.unit;
                x.unit_price = l.line.unit_price.to_string_fr(2) + " €";
                if (any_discount && l.line.discount_percent.mantissa() != 0)
                    x.discount = l.line.discount_percent.to_string_fr() + " %";
                x.vat_rate = rate_label(l.line.vat);
                if (i < t.lines.size()) x.total = eur(t.lines[i].net);
                break;
        }
        p.lines.push_back(std::move(x));
    }
    for (const auto& row : t.vat) p.vat_summary.push_back({rate_label(row.vat), eur(row.basis), eur(row.vat_amount)});

    if (!t.allowances.is_zero()) {
        p.totals.push_back({"Total HT avant remise", eur(t.lines_net), pdf::Emphasis::none});
        p.totals.push_back({"Remise " + t.discount_percent.to_string_fr() + " %", "− " + eur(t.allowances), pdf::Emphasis::none});
    }
    p.totals.push_back({"Total HT", eur(t.total_excl_vat), pdf::Emphasis::strong});
    p.totals.push_back({"TVA", eur(t.total_vat), pdf::Emphasis::none});
    const bool credit = d.type == DocumentType::CreditNote;
    const bool deducted = !t.prepaid.is_zero() || !t.retention.is_zero();
    p.totals.push_back({"Total TTC", eur(t.total_incl_vat), deducted ? pdf::Emphasis::strong : pdf::Emphasis::grand});
    if (!t.prepaid.is_zero()) p.totals.push_back({"Acomptes déjà facturés", "− " + eur(t.prepaid), pdf::Emphasis::none});
    if (!t.retention.is_zero())
        p.totals.push_back({"Retenue de garantie " + t.retention_percent.to_string_fr() + " %", "− " + eur(t.retention),
                            pdf::Emphasis::none});
    if (deducted) p.totals.push_back({credit ? "Montant à rembourser" : "Net à payer", eur(t.payable), pdf::Emphasis::grand});

    if (is_legal_invoice(d.type) || d.type == DocumentType::ProvisionalInvoice || d.type == DocumentType::ProForma) {
        if (auto terms = crm::parse_payment_terms(d.payment_terms)) p.payment.terms = crm::label_fr(*terms);
        p.payment.due_date = p.due_date;
        if (auto method = crm::parse_payment_method(d.payment_method)) p.payment.method = crm::label_fr(*method);
        p.payment.iban = iban_groups(str(seller, "iban"));
        p.payment.bic = str(seller, "bic");
    }

    // Mentions the CGI and the Code de commerce require on invoices (art. L441-9, D441-5).
    if (is_legal_invoice(d.type) || credit) {
        p.legal_mentions.push_back(
            "En cas de retard de paiement, une pénalité égale à trois fois le taux d'intérêt légal est exigible, ainsi "
            "qu'une indemnité forfaitaire pour frais de recouvrement de 40 € (art. L441-10 et D441-5 du Code de commerce) "
            "lorsque le client est un professionnel.");
        p.legal_mentions.push_back("Pas d'escompte pour paiement anticipé.");
    }
    std::vector<std::string> exemptions;
    for (const auto& row : t.vat)
        if (row.vat.exemption != VatExemption::None) {
            std::string m(mention_fr(row.vat.exemption));
            if (std::find(exemptions.begin(), exemptions.end(), m) == exemptions.end()) exemptions.push_back(m);
        }
    for (auto& m : exemptions) p.legal_mentions.push_back(m);
    if ((is_legal_invoice(d.type) || credit) && seller.contains("vat_on_debits") && seller["vat_on_debits"] == true)
        p.legal_mentions.push_back("Option pour le paiement de la taxe d'après les débits.");
    if (d.type == DocumentType::Quote)
        p.legal_mentions.push_back("Devis reçu avant l'exécution des travaux. Bon pour accord : date, signature et mention "
                                   "« Bon pour accord ».");
    p.notes = d.notes;
    return p;
}

Result<std::string> render_document_pdf(const PrintInput& input) { return pdf::render_pdf(printable(input)); }

}  // namespace comptoir::sales
