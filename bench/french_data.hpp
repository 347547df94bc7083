// Reference data for the French client generator: names, communes, streets, trades.
// Plain arrays so the generator stays allocation-free when it picks from them.
#pragma once

#include <cstddef>
#include <span>
#include <string_view>

namespace bench::data {

struct FirstName {
    std::string_view name;
    bool female;
};

struct Commune {
    std::string_view name;
    std::string_view postal_code;
    char phone_zone;  // '1'..'5': the landline zone of the ARCEP plan (01 Île-de-France … 05 Sud-Ouest)
};

// A trade: the word that opens a company name ("Boulangerie Martin"), its NAF code, and shop-sign
// templates for the trade name ({L} last name, {F} first name, {C} city).
struct Trade {
    std::string_view word;
    std::string_view naf;
    std::span<const std::string_view> signs;
};

std::span<const std::string_view> last_names();  // most frequent first (drawn with a Zipf law)
std::span<const FirstName> first_names();        // most frequent first within each gender
std::span<const Commune> communes();             // bigger cities first (drawn with a Zipf law)
std::span<const std::string_view> street_types();
std::span<const std::string_view> street_names();
std::span<const std::string_view> address_complements();
std::span<const Trade> trades();
std::span<const std::string_view> contact_roles();  // "masculine|feminine" or one form
std::span<const std::string_view> personal_mail_domains();
std::span<const std::string_view> notes();
std::span<const std::string_view> place_suffixes();  // "du Centre", "de la Gare"…

}  // namespace bench::data
