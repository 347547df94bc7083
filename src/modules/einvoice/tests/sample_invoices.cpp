#include "modules/einvoice/tests/sample_invoices.hpp"

#include <filesystem>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "modules/sales/domain/deposit.hpp"
#include "modules/sales/domain/situation.hpp"
#include "modules/sales/domain/test_lines.hpp"

namespace comptoir::einvoice::test {
namespace {

using namespace sales::test;
using nlohmann::json;
using sales::DocumentType;
using sales::VatExemption;

std::string seller_json(bool franchise = false, bool vat_on_debits = false) {
    json j = {{"name", "Atelier Dupont"},     {"legal_form", "SARL"},       {"siren", "443061841"},
              {"siret", "44306184100047"},    {"vat_number", franchise ? "" : "FR64443061841"},
              {"rcs_city", "Lyon"},           {"address_line1", "12 rue de la République"},
              {"address_line2", ""},          {"postal_code", "69002"},      {"city", "Lyon"},
              {"country", "FR"},              {"phone", "+33478000000"},     {"email", "contact@atelier-dupont.fr"},
              {"website", ""},                {"iban", "FR7630006000011234567890189"}, {"bic", "AGRIFRPP"}};
    j["share_capital_cents"] = 1000000;
    j["vat_on_debits"] = vat_on_debits;
    return j.dump();
}

std::string client_json(const std::string& name, const std::string& siren, const std::string& vat,
                        const std::string& country = "FR", bool delivery = false, const std::string& kind = "company") {
    json j = {{"name", name},       {"kind", kind},       {"legal_form", "SAS"}, {"siren", siren},
              {"siret", siren.empty() ? "" : siren + "00074"}, {"vat_number", vat},
              {"email", "compta@client.example"},
              {"billing", {{"line1", "5 avenue des Champs"}, {"line2", "Bâtiment B"}, {"postal_code", country == "FR" ? "75008" : "1000"},
                           {"city", country == "FR" ? "Paris" : "Bruxelles"}, {"country", country}}},
              {"accounting_code", "411CLIENT"}};
    j["delivery"] = delivery ? json{{"line1", "Chantier — 8 rue du Port"}, {"line2", ""}, {"postal_code", "13002"},
                                    {"city", "Marseille"}, {"country", "FR"}}
                             : json(nullptr);
    return j.dump();
}

sales::Line L(sales::DocumentLine l, std::string reference = "") { return {std::move(l), std::move(reference), std::nullopt, std::nullopt}; }

Sample make(std::string name, DocumentType type, std::vector<sales::Line> lines, std::string client,
            sales::DocumentAdjustments adj = {}, std::string seller = seller_json()) {
    Sample s;
    s.name = std::move(name);
    auto& d = s.document;
    d.id = 1;
    d.type = type;
    d.status = sales::DocumentStatus::Validated;
    d.number = type == DocumentType::CreditNote ? "AV-2026-00001" : "FA-2026-00042";
    d.client_id = 1;
    d.issue_date = "2026-11-20";
    d.due_date = type == DocumentType::CreditNote ? "" : "2026-12-20";
    d.payment_terms = "30d";
    d.payment_method = "transfer";
    d.customer_reference = "BC-7781";
    d.operation = sales::OperationCategory::Mixed;
    d.lines = std::move(lines);
    d.discount_percent = adj.discount_percent;
    d.prepaid = adj.prepaid;
    d.retention_percent = adj.retention_percent;
    d.client_json = std::move(client);
    d.seller_json = std::move(seller);
    std::vector<sales::DocumentLine> plain;
    for (const auto& l : d.lines) plain.push_back(l.line);
    auto totals = sales::compute_totals(plain, adj);
    if (!totals) throw std::runtime_error("sample " + s.name + ": " + totals.error().message_en);
    s.totals = *totals;
    d.total_excl_vat = s.totals.total_excl_vat;
    d.total_vat = s.totals.total_vat;
    d.total_incl_vat = s.totals.total_incl_vat;
    d.amount_due = s.totals.amount_due;
    return s;
}

std::string fr_client() { return client_json("Société Cliente", "732829320", "FR44732829320", "FR", true); }

}  // namespace

std::vector<Sample> samples() {
    std::vector<Sample> out;
    {
        auto line2 = L(item("Carrelage grès cérame\nFormat 60×60, pose droite", "12.5", "38.40", vat("10"), "5"), "CAR-60");
        line2.line.unit = "m²";
        auto line1 = L(item("Main d'œuvre", "16", "42", vat("20")), "MO");
        line1.line.unit = "h";
        auto line3 = L(item("Livre technique", "1", "24.90", vat("5.5")));
        auto line4 = L(item("Reprise ancien matériel", "-1", "50", vat("20")));
        out.push_back(make("mixed_rates", DocumentType::Invoice,
                           {L(section("Lot 1")), line1, line2, L(note("Accès par la cour")), line3, line4, L(subtotal())},
                           fr_client(), {D("3"), {}, {}}));
    }
    out.push_back(make("exemptions", DocumentType::Invoice,
                       {L(item("Formation professionnelle", "2", "450", sales::exempt_rate(VatExemption::GeneralInterest))),
                        L(item("Support de cours", "2", "15", vat("20")))},
                       fr_client()));
    out.push_back(make("disbursement", DocumentType::Invoice,
                       {L(item("Frais de greffe avancés (débours)", "1", "35", sales::exempt_rate(VatExemption::Disbursement))),
                        L(item("Rédaction des statuts", "1", "800", vat("20")))},
                       fr_client()));
    out.push_back(make("reverse_charge_eu", DocumentType::Invoice,
                       {L(item("Développement logiciel", "10", "600", sales::exempt_rate(VatExemption::ReverseCharge)))},
                       client_json("Klant BV", "", "BE0477472701", "BE")));
    out.push_back(make("reverse_charge_construction", DocumentType::Invoice,
                       {L(item("Sous-traitance électricité", "1", "4200",
                               sales::exempt_rate(VatExemption::ReverseChargeConstruction)))},
                       fr_client()));
    out.push_back(make("intra_community_goods", DocumentType::Invoice,
                       {L(item("Machine à café professionnelle", "2", "1800",
                               sales::exempt_rate(VatExemption::IntraCommunitySupply)))},
                       client_json("Kaffee GmbH", "", "DE129273398", "DE")));
    out.push_back(make("export", DocumentType::Invoice,
                       {L(item("Mobilier de bureau", "4", "320", sales::exempt_rate(VatExemption::Export)))},
                       client_json("Swiss Office SA", "", "CHE123456788", "CH")));
    out.push_back(make("outside_scope", DocumentType::Invoice,
                       {L(item("Conseil à une société établie hors UE", "1", "500", sales::exempt_rate(VatExemption::OutsideScope)))},
                       client_json("Swiss Office SA", "", "CHE123456788", "CH")));
    out.push_back(make("franchise_en_base", DocumentType::Invoice,
                       {L(item("Séance de photographie", "1", "350", sales::exempt_rate(VatExemption::FranchiseEnBase)))},
                       client_json("Marie Martin", "", "", "FR", false, "individual"), {}, seller_json(true)));

    // A deposit of 30 % on a quote, then the final invoice deducting it.
    std::vector<sales::DocumentLine> quote = {item("Cuisine équipée", "1", "8000", vat("10")),
                                              item("Électroménager", "1", "2500", vat("20"))};
    auto quote_totals = sales::compute_totals(quote).value();
    auto deposit = sales::compute_deposit(quote_totals, sales::DepositRequest::of_percent(D("30"))).value();
    std::vector<sales::Line> deposit_lines;
    for (auto& l : sales::deposit_lines(deposit, "Acompte de 30 % sur le devis DE-2026-00012")) deposit_lines.push_back(L(l));
    out.push_back(make("deposit", DocumentType::DepositInvoice, deposit_lines, fr_client()));
    {
        std::vector<sales::Line> final_lines;
        for (auto& l : quote) final_lines.push_back(L(l));
        auto s = make("final_after_deposit", DocumentType::Invoice, final_lines, fr_client(), {{}, deposit.amount, {}},
                      seller_json(false, true));
        s.context.preceding.push_back({"FA-2026-00030", "2026-10-02"});
        out.push_back(std::move(s));
    }

    // Two situations on a building contract, with a 5 % retention.
    std::vector<sales::DocumentLine> contract = {item("Gros œuvre", "1", "20000", vat("10")),
                                                 item("Charpente", "1", "8000", vat("10")),
                                                 item("Menuiseries", "1", "6500", vat("20"))};
    const std::vector<std::vector<std::pair<const char*, const char*>>> steps = {
        {{"0", "30"}, {"0", "10"}, {"0", "0"}}, {{"30", "65"}, {"10", "50"}, {"0", "25"}}};
    for (std::size_t n = 0; n < steps.size(); ++n) {
        std::vector<sales::LineProgress> progress;
        for (const auto& [a, b] : steps[n]) progress.push_back({D(a), D(b)});
        auto situation = sales::compute_situation(contract, progress, {{}, {}, D("5")}).value();
        std::vector<sales::Line> lines;
        for (std::size_t i = 0; i < situation.invoice_lines.size(); ++i) {
            auto line = L(situation.invoice_lines[i]);
            line.progress_percent = progress[i].current_percent;
            lines.push_back(std::move(line));
        }
        auto s = make("situation_" + std::to_string(n + 1), DocumentType::SituationInvoice, lines, fr_client(),
                      {{}, {}, D("5")});
        s.document.situation_number = static_cast<int>(n) + 1;
        out.push_back(std::move(s));
    }

    {
        auto s = make("credit_note", DocumentType::CreditNote,
                      {L(item("Main d'œuvre (annulation partielle)", "4", "42", vat("20"))),
                       L(item("Livre technique", "1", "24.90", vat("5.5")))},
                      fr_client());
        s.context.preceding.push_back({"FA-2026-00042", "2026-11-02"});
        out.push_back(std::move(s));
    }
    {
        auto s = make("public_sector", DocumentType::Invoice, {L(item("Maintenance annuelle", "1", "1200", vat("20")))},
                      client_json("Mairie de Villeneuve", "217500016", "", "FR"));
        s.context.buyer_reference = "SERV-TECH-01";
        s.context.commitment_number = "EJ-2026-000123";
        out.push_back(std::move(s));
    }
    return out;
}

Sample sample(const std::string& name) {
    for (auto& s : samples())
        if (s.name == name) return s;
    throw std::runtime_error("no sample " + name);
}

std::string shared_dir() {
    if (const char* env = std::getenv("COMPTOIR_EINVOICE_SHARED"); env && *env) return env;
    std::string dir = COMPTOIR_EINVOICE_SHARED;
    return std::filesystem::exists(dir + "/xsd") ? dir : std::string();
}

}  // namespace comptoir::einvoice::test
