// The duplicates scan's matching rules, without a database: what counts as the same name or street,
// and which clients end up in one group.
#include <gtest/gtest.h>

#include "modules/duplicates/model/grouping.hpp"
#include "modules/duplicates/model/name_key.hpp"

namespace comptoir::duplicates {
namespace {

TEST(NameKey, FoldsCaseAccentsPunctuationAndDropsLegalForms) {
    EXPECT_EQ(name_key("SARL Boulangerie L'Épi d'Or"), name_key("boulangerie epi d or"));
    EXPECT_EQ(name_key("Dupont & Fils SAS"), name_key("DUPONT ET FILS"));
    EXPECT_EQ(name_key("Ets Martin"), name_key("Établissements MARTIN"));
    EXPECT_EQ(name_key("Société Générale des Eaux"), name_key("Generale Eaux (SA)"));
    EXPECT_EQ(name_key("EURL Lefèvre Plomberie"), "lefevre plomberie");
    EXPECT_EQ(name_key("SASU"), "");
    EXPECT_EQ(name_key("Electricite-Generale S.A.S."), name_key("Ets Électricité Générale"));
    EXPECT_EQ(name_key("Dupont S A R L"), "dupont");
}

TEST(NameKey, IgnoresWordOrder) { EXPECT_EQ(name_key("Dupont Jean"), name_key("Jean DUPONT")); }

TEST(AddressKey, SpellsOutStreetAbbreviations) {
    EXPECT_EQ(address_key("12 av. Jean-Jaurès"), address_key("12 avenue Jean Jaures"));
    EXPECT_EQ(address_key("3 bd St-Michel"), address_key("3, boulevard Saint Michel"));
}

TEST(EditDistance, CountsOneEditForEachTypo) {
    EXPECT_EQ(edit_distance("dupont", "dupont", 2), 0);
    EXPECT_EQ(edit_distance("dupont", "dupond", 2), 1);   // replaced
    EXPECT_EQ(edit_distance("dupont", "dupnot", 2), 1);   // swapped
    EXPECT_EQ(edit_distance("dupont", "duppont", 2), 1);  // added
    EXPECT_EQ(edit_distance("dupont", "dupnt", 2), 1);    // missing
    EXPECT_EQ(edit_distance("dupont", "durant", 1), 2);   // beyond the limit
}

TEST(CompareNames, OneLetterTyposInLongWordsOnly) {
    EXPECT_EQ(compare_names(name_key("Boulangerie Martin"), name_key("BOULANGERIE MARTIN SARL")), NameMatch::Exact);
    EXPECT_EQ(compare_names(name_key("Dupont-Martin"), name_key("DupontMartin")), NameMatch::Exact);
    EXPECT_EQ(compare_names(name_key("Boulangerie Martin"), name_key("Boulangrie Martin")), NameMatch::Typo);
    EXPECT_EQ(compare_names(name_key("Jean Dupont"), name_key("Jean Dupond")), NameMatch::Typo);
    // Different people and businesses.
    EXPECT_EQ(compare_names(name_key("Léa Martin"), name_key("Léo Martin")), NameMatch::None);
    EXPECT_EQ(compare_names(name_key("Jean Dupont"), name_key("Jeanne Dupont")), NameMatch::None);
    EXPECT_EQ(compare_names(name_key("Garage Dupont"), name_key("Garage Durant")), NameMatch::None);
    EXPECT_EQ(compare_names(name_key("Boulangerie Martin"), name_key("Boucherie Martin")), NameMatch::None);
    EXPECT_EQ(compare_names(name_key("Garage 12"), name_key("Garage 13")), NameMatch::None);
}

TEST(CompareAddresses, SameStreetDifferentNumberIsDifferent) {
    EXPECT_EQ(compare_addresses(address_key("12 rue de la Paix"), address_key("12 r. de la paix")), AddressMatch::Same);
    EXPECT_EQ(compare_addresses(address_key("12 rue de la Paix"), address_key("12 rue de la Paiz")), AddressMatch::Same);
    EXPECT_EQ(compare_addresses(address_key("12 rue de la Paix"), address_key("14 rue de la Paix")),
              AddressMatch::Different);
    EXPECT_EQ(compare_addresses("", address_key("14 rue de la Paix")), AddressMatch::Unknown);
}

NameRecord rec(std::int64_t id, std::string name, std::string postal, std::string street = "",
               std::string trade = "") {
    return {id, std::move(name), std::move(trade), std::move(postal), "", std::move(street)};
}

TEST(NameMatcher, GroupsSameNamesInOnePlace) {
    NameMatcher m;
    m.add(rec(1, "SARL Boulangerie Martin", "75011", "12 rue de la Roquette"));
    m.add(rec(2, "boulangerie martin", "75011", "12, r. de la Roquette"));
    m.add(rec(3, "Boulangerie Martin", "69003", "12 rue de la Roquette"));  // another town
    m.add(rec(4, "Boulangrie Martin", "75011"));                           // typo, no address
    m.add(rec(5, "Boucherie Martin", "75011", "12 rue de la Roquette"));    // another trade
    m.add(rec(6, "Fupont Consulting", "33000"));                            // typo in the first letter
    m.add(rec(7, "Dupont Consulting", "33000"));
    std::size_t too_large = 0;
    auto groups = combine(m.groups(20, &too_large));
    ASSERT_EQ(groups.size(), 2u);
    EXPECT_EQ(groups[0].members, (std::vector<std::int64_t>{1, 2, 4}));
    EXPECT_EQ(groups[0].reason, Reason::Name);  // 4 has no address
    EXPECT_EQ(groups[0].score, 65);
    EXPECT_EQ(groups[1].members, (std::vector<std::int64_t>{6, 7}));
    EXPECT_EQ(too_large, 0u);
}

TEST(NameMatcher, NameAndAddressScoresHigher) {
    NameMatcher m;
    m.add(rec(1, "Plomberie Lefèvre", "44000", "3 bd Victor Hugo"));
    m.add(rec(2, "PLOMBERIE LEFEVRE EURL", "44000", "3 boulevard Victor-Hugo"));
    auto groups = combine(m.groups(20, nullptr));
    ASSERT_EQ(groups.size(), 1u);
    EXPECT_EQ(groups[0].reason, Reason::NameAddress);
    EXPECT_EQ(groups[0].score, 90);
}

TEST(NameMatcher, TradeNameCountsAsAName) {
    NameMatcher m;
    m.add(rec(1, "SAS Dubois Alimentation", "13001", "", "Au Bon Pain"));
    m.add(rec(2, "Au bon pain", "13001"));
    auto groups = combine(m.groups(20, nullptr));
    ASSERT_EQ(groups.size(), 1u);
    EXPECT_EQ(groups[0].members, (std::vector<std::int64_t>{1, 2}));
}

TEST(NameMatcher, LeavesOutGroupsOverTheLimit) {
    NameMatcher m;
    for (int i = 1; i <= 5; ++i) m.add(rec(i, "Garage du Centre", "75015"));
    std::size_t too_large = 0;
    EXPECT_TRUE(m.groups(4, &too_large).empty());
    EXPECT_EQ(too_large, 1u);
}

TEST(ExactGroups, OneGroupPerSharedValue) {
    std::vector<std::pair<std::string, std::int64_t>> rows{
        {"+33612345678", 3}, {"+33612345678", 3}, {"+33612345678", 9}, {"+33700000000", 4}};
    auto groups = exact_groups(Reason::Phone, "phone", rows, 20, nullptr);
    ASSERT_EQ(groups.size(), 1u);
    EXPECT_EQ(groups[0].members, (std::vector<std::int64_t>{3, 9}));
    EXPECT_EQ(groups[0].score, 90);
    EXPECT_EQ(groups[0].evidence, std::vector<std::string>{"phone:+33612345678"});
}

TEST(Combine, SameMembersMakeOneGroupWithTheBestReason) {
    std::vector<Group> in{{{1, 2}, Reason::Phone, 90, {"phone:+33612345678"}},
                          {{1, 2}, Reason::Email, 95, {"email:a@b.fr"}},
                          {{2, 3}, Reason::Name, 60, {}}};
    auto out = combine(in);
    ASSERT_EQ(out.size(), 2u);
    EXPECT_EQ(out[0].reason, Reason::Email);
    EXPECT_EQ(out[0].score, 95);
    EXPECT_EQ(out[0].evidence.size(), 2u);
    EXPECT_EQ(out[0].member_key(), "1,2");
}

}  // namespace
}  // namespace comptoir::duplicates
