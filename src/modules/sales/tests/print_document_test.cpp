// What the PDF prints of a document: the figures in French, and the mentions the law asks for,
// chosen from the document's type and the company's situation.
#include <gtest/gtest.h>

#include <algorithm>

#include "modules/sales/service/print_document.hpp"

namespace comptoir::sales {
namespace {

Document invoice(const std::string& seller_json) {
    Document d;
    d.type = DocumentType::Invoice;
    d.status = DocumentStatus::Validated;
    d.number = "FA-2026-00042";
    d.issue_date = "2026-03-12";
    d.due_date = "2026-04-11";
    d.payment_terms = "30d";
    d.payment_method = "transfer";
    d.seller_json = seller_json;
    d.client_json = R"({"name":"Boulangerie Martin","siren":"732829320","billing":{"line1":"12 rue de la République",
                        "postal_code":"69002","city":"Lyon","country":"FR"},"delivery":null})";
    Line item;
    item.line.description = "Pose";
    item.line.quantity = Decimal::from_int(16);
    item.line.unit = "h";
    item.line.unit_price = Decimal::from_int(42);
    item.line.vat = standard_rate(Decimal::from_int(10));
    d.lines.push_back(item);
    Line exempt = item;
    exempt.line.description = "Débours";
    exempt.line.vat = exempt_rate(VatExemption::Disbursement);
    d.lines.push_back(exempt);
    return d;
}

bool has_mention(const pdf::PrintableDocument& p, const std::string& part) {
    return std::any_of(p.legal_mentions.begin(), p.legal_mentions.end(),
                       [&](const std::string& m) { return m.find(part) != std::string::npos; });
}

TEST(PrintDocument, InvoicesCarryTheMandatoryMentionsAndFrenchFigures) {
    auto d = invoice(R"({"name":"Menuiserie Dubois","iban":"FR7630006000011234567890189","vat_on_debits":true})");
    auto lines = std::vector<DocumentLine>{d.lines[0].line, d.lines[1].line};
    auto totals = compute_totals(lines);
    ASSERT_TRUE(totals) << totals.error().message_en;
    const std::string logo;
    auto p = printable(PrintInput{d, *totals, logo, false});
    EXPECT_EQ(p.kind_label, "FACTURE");
    EXPECT_EQ(p.number, "FA-2026-00042");
    EXPECT_EQ(p.issue_date, "12/03/2026");
    EXPECT_EQ(p.due_date, "11/04/2026");
    EXPECT_EQ(p.client.siren, "732829320");
    EXPECT_EQ(p.lines[0].total, "672,00\u00a0€");
    EXPECT_EQ(p.payment.iban, "FR76 3000 6000 0112 3456 7890 189");
    EXPECT_TRUE(has_mention(p, "40 €"));
    EXPECT_TRUE(has_mention(p, "Pas d'escompte"));
    EXPECT_TRUE(has_mention(p, "débits"));
    EXPECT_TRUE(has_mention(p, "Débours"));  // the exemption's own mention
    EXPECT_TRUE(p.watermark.empty());
}

TEST(PrintDocument, QuotesAndDraftsSayWhatTheyAre) {
    auto d = invoice(R"({"name":"Menuiserie Dubois"})");
    d.type = DocumentType::Quote;
    d.validity_date = "2026-04-12";
    auto lines = std::vector<DocumentLine>{d.lines[0].line};
    d.lines.resize(1);
    auto totals = compute_totals(lines);
    const std::string logo;
    auto p = printable(PrintInput{d, *totals, logo, true});
    EXPECT_EQ(p.kind_label, "DEVIS");
    EXPECT_EQ(p.due_date_label, "Valable jusqu'au");
    EXPECT_EQ(p.watermark, "BROUILLON");
    EXPECT_FALSE(has_mention(p, "40 €"));  // not an invoice
    EXPECT_FALSE(has_mention(p, "débits"));
}

}  // namespace
}  // namespace comptoir::sales
