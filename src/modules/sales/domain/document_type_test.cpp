#include "modules/sales/domain/document_type.hpp"

#include <set>

#include <gtest/gtest.h>

namespace comptoir::sales {
namespace {

using T = DocumentType;

TEST(DocumentType, RoundTripsThroughStableCodes) {
    std::set<std::string_view> seen;
    for (const T t : kAllDocumentTypes) {
        EXPECT_TRUE(seen.insert(to_code(t)).second);
        EXPECT_EQ(parse_document_type(to_code(t)).value(), t);
        EXPECT_FALSE(label_fr(t).empty());
        EXPECT_FALSE(label_en(t).empty());
    }
    EXPECT_EQ(parse_document_type(" Credit_Note ").value(), T::CreditNote);
    EXPECT_EQ(parse_document_type("facture").error().code, "document_type.unknown");
}

TEST(DocumentType, SpeaksFrenchWithTheRightGender) {
    EXPECT_EQ(label_fr(T::DepositInvoice), "Facture d'acompte");
    EXPECT_EQ(this_fr(T::Quote), "ce devis");
    EXPECT_EQ(this_fr(T::Invoice), "cette facture");
    EXPECT_EQ(this_fr(T::CreditNote), "cet avoir");
    EXPECT_FALSE(is_feminine_fr(T::Order));
    EXPECT_TRUE(is_feminine_fr(T::SituationInvoice));
}

TEST(DocumentType, KnowsWhichAreInvoicesInLaw) {
    std::set<T> legal;
    for (const T t : kAllDocumentTypes) {
        if (is_legal_invoice(t)) legal.insert(t);
    }
    EXPECT_EQ(legal, (std::set<T>{T::Invoice, T::DepositInvoice, T::SituationInvoice, T::CreditNote}));
}

TEST(NumberSeries, InvoicesDepositsAndSituationsShareOneSeries) {
    EXPECT_EQ(series_for(T::Invoice), NumberSeries::Invoice);
    EXPECT_EQ(series_for(T::DepositInvoice), NumberSeries::Invoice);
    EXPECT_EQ(series_for(T::SituationInvoice), NumberSeries::Invoice);
    EXPECT_EQ(series_for(T::Quote), NumberSeries::Quote);
    EXPECT_EQ(series_for(T::Order), NumberSeries::Order);
    EXPECT_EQ(series_for(T::ProForma), NumberSeries::ProForma);
    EXPECT_EQ(series_for(T::ProvisionalInvoice), NumberSeries::ProvisionalInvoice);
}

TEST(NumberSeries, GivesCreditNotesTheirOwnSeriesUnlessTheCompanySharesIt) {
    EXPECT_EQ(series_for(T::CreditNote), NumberSeries::CreditNote);
    EXPECT_EQ(series_for(T::CreditNote, CreditNoteNumbering::SharedWithInvoices), NumberSeries::Invoice);
    EXPECT_EQ(series_for(T::Invoice, CreditNoteNumbering::SharedWithInvoices), NumberSeries::Invoice);
    EXPECT_EQ(series_for(T::Quote, CreditNoteNumbering::SharedWithInvoices), NumberSeries::Quote);
}

TEST(NumberSeries, HasDistinctPrefixesAndCodes) {
    std::set<std::string_view> patterns, codes;
    for (const NumberSeries s : kAllNumberSeries) {
        EXPECT_TRUE(patterns.insert(default_pattern(s)).second);
        EXPECT_TRUE(codes.insert(to_code(s)).second);
    }
    EXPECT_EQ(default_pattern(NumberSeries::Invoice), "FA-{YYYY}-{#####}");
    EXPECT_EQ(default_pattern(NumberSeries::CreditNote), "AV-{YYYY}-{#####}");
    EXPECT_EQ(default_pattern(NumberSeries::Quote), "DE-{YYYY}-{#####}");
}

}  // namespace
}  // namespace comptoir::sales
