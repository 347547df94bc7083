// The duplicates scan's groups, found in memory from what the storage read: exact groups (clients
// sharing a normalised SIRET, e-mail, phone or SIREN) and fuzzy ones (names that match once folded,
// stripped of legal-form words and allowing one typo, in the same postal code, with or without the
// same street line). Pure: no I/O, so the rules are tested directly (grouping_test.cpp).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace comptoir::duplicates {

enum class Reason { Siret, Email, Phone, Siren, NameAddress, Name };
std::string_view to_code(Reason reason);  // "siret", "email", "phone", "siren", "name_address", "name"

struct Group {
    std::vector<std::int64_t> members;  // client ids, ascending, at least two
    Reason reason = Reason::Name;
    int score = 0;                      // 0-100: how sure the scan is
    std::vector<std::string> evidence;  // "email:jean@x.fr", "name:boulangerie martin", ...
    std::string member_key() const;     // "12,40,77": the identity of a group across scans
};

// Score of an exact match on one identifier.
int exact_score(Reason reason);

// What the fuzzy pass knows of one client.
struct NameRecord {
    std::int64_t id = 0;
    std::string name;        // legal name (company) or "last first" (individual)
    std::string trade_name;  // a second name to compare, may be empty
    std::string postal_code;
    std::string city;
    std::string street;      // billing line 1
};

// Fuzzy groups. Clients are blocked by postal code (or the folded city when there is none) and the
// first or last three letters of their name key, then compared pairwise within each block; matches
// are joined into groups (union-find). Memory is a few dozen bytes per client plus its keys.
class NameMatcher {
public:
    void reserve(std::size_t n);
    void add(const NameRecord& record);
    std::size_t size() const { return entries_.size(); }
    // Groups of at most `max_members` clients (larger ones, usually very common names, are counted
    // in `*too_large` and left out).
    std::vector<Group> groups(std::size_t max_members, std::size_t* too_large);

private:
    struct Entry {
        std::int64_t id;
        std::uint32_t place;  // index of the postal code / city in places_
        std::string name;     // name key
        std::string street;   // address key
    };
    std::vector<Entry> entries_;
    std::vector<std::string> places_;
    std::vector<std::pair<std::string, std::uint32_t>> place_index_;  // sorted lookup, built lazily
    std::uint32_t place_of(const std::string& key);
};

// Exact groups from (value, client id) rows sorted by value: one group per value shared by two or
// more distinct clients.
std::vector<Group> exact_groups(Reason reason, std::string_view kind,
                                const std::vector<std::pair<std::string, std::int64_t>>& rows, std::size_t max_members,
                                std::size_t* too_large);

// One group per member set: the same clients found for several reasons make one group with the best
// score (and its reason), the evidence of all. Sorted by score, highest first, then by member key.
std::vector<Group> combine(std::vector<Group> groups);

}  // namespace comptoir::duplicates
