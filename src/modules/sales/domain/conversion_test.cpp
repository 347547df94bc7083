#include "modules/sales/domain/conversion.hpp"

#include <set>

#include <gtest/gtest.h>

namespace comptoir::sales {
namespace {

using S = DocumentStatus;
using T = DocumentType;

TEST(Conversion, AllowsExactlyTheDocumentedConversions) {
    const std::set<std::pair<T, T>> expected{
        {T::Quote, T::Order},           {T::Quote, T::ProForma},           {T::Quote, T::DepositInvoice},
        {T::Quote, T::Invoice},         {T::Quote, T::SituationInvoice},   {T::Order, T::ProForma},
        {T::Order, T::DepositInvoice},  {T::Order, T::Invoice},            {T::Order, T::SituationInvoice},
        {T::ProForma, T::Invoice},      {T::ProvisionalInvoice, T::Invoice}, {T::Invoice, T::CreditNote},
        {T::DepositInvoice, T::CreditNote}, {T::SituationInvoice, T::CreditNote},
    };
    for (const T from : kAllDocumentTypes) {
        for (const T to : kAllDocumentTypes) {
            EXPECT_EQ(can_convert(from, to), expected.count({from, to}) == 1) << to_code(from) << " → " << to_code(to);
        }
    }
    EXPECT_EQ(conversions_from(T::Invoice), std::vector<T>{T::CreditNote});
    EXPECT_TRUE(conversions_from(T::CreditNote).empty());
}

TEST(Conversion, TurnsAnAcceptedQuoteIntoAnOrderOrInvoices) {
    for (const T to : {T::Order, T::DepositInvoice, T::Invoice, T::SituationInvoice}) {
        EXPECT_TRUE(check_conversion(T::Quote, S::Accepted, to)) << to_code(to);
        for (const S s : {S::Draft, S::Validated, S::Sent, S::Refused, S::Expired}) {
            const auto r = check_conversion(T::Quote, s, to);
            ASSERT_FALSE(r) << to_code(s);
            EXPECT_EQ(r.error().kind, ErrorKind::Conflict);
            EXPECT_EQ(r.error().code, "document.conversion_status");
        }
    }
    EXPECT_EQ(check_conversion(T::Quote, S::Sent, T::Invoice).error().message_fr,
              "Impossible de transformer ce devis en facture depuis l'état « Envoyé » (possible depuis : Accepté).");
    EXPECT_EQ(check_conversion(T::Quote, S::Sent, T::Invoice).error().message_en,
              "Cannot turn this quote into an invoice from \"Sent\" (possible from: Accepted).");
}

TEST(Conversion, GivesAProFormaBeforeTheQuoteIsSigned) {
    for (const S s : {S::Validated, S::Sent, S::Accepted}) EXPECT_TRUE(check_conversion(T::Quote, s, T::ProForma));
    EXPECT_FALSE(check_conversion(T::Quote, S::Draft, T::ProForma));
}

TEST(Conversion, InvoicesAnOrderUntilItIsClosed) {
    for (const S s : {S::Validated, S::InProgress, S::Shipped, S::Delivered}) {
        EXPECT_TRUE(check_conversion(T::Order, s, T::Invoice)) << to_code(s);
        EXPECT_TRUE(check_conversion(T::Order, s, T::DepositInvoice)) << to_code(s);
    }
    for (const S s : {S::Draft, S::Closed, S::Cancelled}) EXPECT_FALSE(check_conversion(T::Order, s, T::Invoice)) << to_code(s);
}

TEST(Conversion, CreditsOnlyIssuedInvoices) {
    for (const T from : {T::Invoice, T::DepositInvoice, T::SituationInvoice}) {
        EXPECT_TRUE(check_conversion(from, S::Validated, T::CreditNote));
        EXPECT_TRUE(check_conversion(from, S::Sent, T::CreditNote));
        EXPECT_EQ(check_conversion(from, S::Draft, T::CreditNote).error().code, "document.conversion_status");
    }
}

TEST(Conversion, RefusesConversionsThatMakeNoSense) {
    const auto r = check_conversion(T::Quote, S::Accepted, T::CreditNote);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, "document.invalid_conversion");
    EXPECT_EQ(r.error().message_fr, "Impossible de transformer ce devis en avoir.");
    EXPECT_EQ(r.error().message_en, "Cannot turn this quote into a credit note.");
    EXPECT_EQ(check_conversion(T::CreditNote, S::Sent, T::Invoice).error().message_fr,
              "Impossible de transformer cet avoir en facture.");
    EXPECT_EQ(check_conversion(T::Invoice, S::Sent, T::Order).error().message_en, "Cannot turn this invoice into an order.");
    EXPECT_EQ(check_conversion(T::Invoice, S::Sent, T::Invoice).error().code, "document.invalid_conversion");
}

}  // namespace
}  // namespace comptoir::sales
