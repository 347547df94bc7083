#include "modules/sales/domain/document_status.hpp"

#include <set>

#include <gtest/gtest.h>

namespace comptoir::sales {
namespace {

using S = DocumentStatus;
using T = DocumentType;
using Edge = std::pair<S, S>;

// The complete list of allowed moves per type; every other (from, to) pair must be refused.
std::set<Edge> allowed(T type) {
    switch (type) {
        case T::Quote:
            return {{S::Draft, S::Validated},    {S::Validated, S::Sent},  {S::Validated, S::Accepted},
                    {S::Validated, S::Refused},  {S::Validated, S::Expired}, {S::Sent, S::Accepted},
                    {S::Sent, S::Refused},       {S::Sent, S::Expired}};
        case T::Order:
            return {{S::Draft, S::Validated},     {S::Validated, S::InProgress}, {S::Validated, S::Cancelled},
                    {S::InProgress, S::Shipped},  {S::InProgress, S::Delivered}, {S::InProgress, S::Cancelled},
                    {S::Shipped, S::Delivered},   {S::Delivered, S::Closed}};
        default:
            return {{S::Draft, S::Validated}, {S::Validated, S::Sent}};
    }
}

TEST(DocumentStatus, RoundTripsThroughStableCodes) {
    std::set<std::string_view> seen;
    for (const S s : kAllDocumentStatuses) {
        EXPECT_TRUE(seen.insert(to_code(s)).second);
        EXPECT_EQ(parse_document_status(to_code(s)).value(), s);
        EXPECT_FALSE(label_en(s).empty());
    }
    EXPECT_EQ(parse_document_status("IN_PROGRESS").value(), S::InProgress);
    EXPECT_EQ(parse_document_status("paid").error().code, "document_status.unknown");  // derived, not a status
}

TEST(DocumentStatus, AgreesLabelsWithTheDocument) {
    EXPECT_EQ(label_fr(S::Validated, T::Quote), "Validé");
    EXPECT_EQ(label_fr(S::Validated, T::Invoice), "Validée");
    EXPECT_EQ(label_fr(S::Sent, T::CreditNote), "Envoyé");
    EXPECT_EQ(label_fr(S::Sent, T::DepositInvoice), "Envoyée");
    EXPECT_EQ(label_fr(S::Draft, T::Invoice), "Brouillon");
    EXPECT_EQ(label_fr(S::InProgress, T::Order), "En cours");
}

TEST(DocumentStatus, ListsEachTypesStatusesInLifeOrder) {
    EXPECT_EQ(statuses_of(T::Quote), (std::vector<S>{S::Draft, S::Validated, S::Sent, S::Accepted, S::Refused, S::Expired}));
    EXPECT_EQ(statuses_of(T::Order),
              (std::vector<S>{S::Draft, S::Validated, S::InProgress, S::Shipped, S::Delivered, S::Closed, S::Cancelled}));
    for (const T t : {T::ProForma, T::ProvisionalInvoice, T::Invoice, T::DepositInvoice, T::SituationInvoice, T::CreditNote}) {
        EXPECT_EQ(statuses_of(t), (std::vector<S>{S::Draft, S::Validated, S::Sent}));
    }
}

TEST(DocumentStatus, AllowsExactlyTheDocumentedMoves) {
    for (const T type : kAllDocumentTypes) {
        const auto expected = allowed(type);
        for (const S from : kAllDocumentStatuses) {
            for (const S to : kAllDocumentStatuses) {
                EXPECT_EQ(can_transition(type, from, to), expected.count({from, to}) == 1)
                    << to_code(type) << ": " << to_code(from) << " → " << to_code(to);
            }
        }
    }
}

TEST(DocumentStatus, RefusesEveryIllegalTransitionWithAMessageInBothLanguages) {
    int refused = 0;
    for (const T type : kAllDocumentTypes) {
        const auto expected = allowed(type);
        const auto known = statuses_of(type);
        for (const S from : known) {
            for (const S to : kAllDocumentStatuses) {
                const auto r = transition(type, from, to);
                if (expected.count({from, to})) {
                    ASSERT_TRUE(r) << to_code(type) << ": " << to_code(from) << " → " << to_code(to);
                    EXPECT_EQ(*r, to);
                    continue;
                }
                ++refused;
                ASSERT_FALSE(r) << to_code(type) << ": " << to_code(from) << " → " << to_code(to);
                const bool exists = std::find(known.begin(), known.end(), to) != known.end();
                EXPECT_EQ(r.error().kind, exists ? ErrorKind::Conflict : ErrorKind::Invalid);
                EXPECT_EQ(r.error().code, exists ? "document.invalid_transition" : "invalid");
                EXPECT_FALSE(r.error().message_fr.empty());
                EXPECT_FALSE(r.error().message_en.empty());
                EXPECT_NE(r.error().message_fr.find(label_fr(to, type)), std::string::npos);
                EXPECT_NE(r.error().message_en.find(label_en(to)), std::string::npos);
            }
        }
    }
    EXPECT_EQ(refused, 6 * 11 - 8 + 7 * 11 - 8 + 6 * (3 * 11 - 2));
}

TEST(DocumentStatus, ExplainsARefusalInWords) {
    EXPECT_EQ(transition(T::Quote, S::Accepted, S::Sent).error().message_fr,
              "Impossible de passer ce devis de l'état « Accepté » à l'état « Envoyé ».");
    EXPECT_EQ(transition(T::Quote, S::Accepted, S::Sent).error().message_en,
              "Cannot move this quote from \"Accepted\" to \"Sent\".");
    EXPECT_EQ(transition(T::Invoice, S::Sent, S::Sent).error().message_fr, "Cette facture est déjà à l'état « Envoyée ».");
    EXPECT_EQ(transition(T::CreditNote, S::Validated, S::Validated).error().message_fr,
              "Cet avoir est déjà à l'état « Validé ».");
    const auto unknown = transition(T::Invoice, S::Validated, S::Accepted);
    EXPECT_EQ(unknown.error().fields.at(0).field, "status");
    EXPECT_EQ(unknown.error().fields.at(0).code, "document.unknown_status");
    EXPECT_EQ(unknown.error().message_fr, "L'état « Acceptée » n'existe pas pour cette facture.");
}

TEST(DocumentStatus, TellsHowToCorrectAValidatedInvoice) {
    for (const T type : {T::Invoice, T::DepositInvoice, T::SituationInvoice}) {
        for (const S from : {S::Validated, S::Sent}) {
            const auto r = transition(type, from, S::Draft);
            ASSERT_FALSE(r);
            EXPECT_NE(r.error().message_fr.find("corrigez-la par un avoir"), std::string::npos);
            EXPECT_NE(r.error().message_en.find("credit note"), std::string::npos);
        }
    }
    EXPECT_NE(transition(T::CreditNote, S::Sent, S::Draft).error().message_fr.find("émettez une facture"), std::string::npos);
    EXPECT_EQ(transition(T::Quote, S::Sent, S::Draft).error().message_fr.find("avoir"), std::string::npos);
}

TEST(DocumentStatus, OffersTheNextMoves) {
    EXPECT_EQ(next_statuses(T::Quote, S::Sent), (std::vector<S>{S::Accepted, S::Refused, S::Expired}));
    EXPECT_EQ(next_statuses(T::Order, S::InProgress), (std::vector<S>{S::Shipped, S::Delivered, S::Cancelled}));
    EXPECT_EQ(next_statuses(T::Invoice, S::Draft), (std::vector<S>{S::Validated}));
    EXPECT_TRUE(next_statuses(T::Invoice, S::Sent).empty());
    EXPECT_TRUE(next_statuses(T::Quote, S::Accepted).empty());
    EXPECT_TRUE(next_statuses(T::Order, S::Closed).empty());
}

TEST(DocumentStatus, NumbersAtValidationAndEditsOnlyDrafts) {
    EXPECT_TRUE(assigns_number(S::Draft, S::Validated));
    EXPECT_FALSE(assigns_number(S::Validated, S::Sent));
    EXPECT_FALSE(assigns_number(S::Draft, S::Draft));
    EXPECT_TRUE(is_editable(S::Draft));
    for (const S s : kAllDocumentStatuses) {
        if (s != S::Draft) {
            EXPECT_FALSE(is_editable(s)) << to_code(s);
        }
    }
}

}  // namespace
}  // namespace comptoir::sales
