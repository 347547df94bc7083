// CII D16B (Factur-X / ZUGFeRD 2.x, every profile) into the EN 16931 model.
#include <libxml/tree.h>

#include "modules/einvoice/xml/reader_support.hpp"

namespace comptoir::einvoice::xml {
namespace {

class CiiReader {
public:
    CiiReader(XmlDocument& doc, ParsedInvoice& out) : d_(doc), out_(out), values_(out.issues) {
        d_.ns("rsm", "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100");
        d_.ns("ram", "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100");
        d_.ns("udt", "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100");
        d_.ns("qdt", "urn:un:unece:uncefact:data:standard:QualifiedDataType:100");
    }

    void read() {
        Invoice& inv = out_.invoice;
        xmlNode* root = d_.root();
        inv.business_process = d_.text(root, "rsm:ExchangedDocumentContext/ram:BusinessProcessSpecifiedDocumentContextParameter/ram:ID");
        const std::string guideline = d_.text(root, "rsm:ExchangedDocumentContext/ram:GuidelineSpecifiedDocumentContextParameter/ram:ID");
        if (auto p = profile_of_guideline(guideline)) {
            inv.profile = *p;
        } else {
            inv.profile = guess_profile(guideline);
            inv.profile_recognised = false;
            if (guideline.empty())
                values_.issue("BR-01", "BT-24", "profile", "L'identifiant de spécification (profil) manque.",
                              "The specification identifier is missing.");
            else
                values_.warning("PROFILE", "BT-24", "profile", "Identifiant de profil non reconnu : « " + guideline.substr(0, 100) + " ».",
                                "Specification identifier not recognised: " + guideline.substr(0, 100) + ".");
        }

        xmlNode* doc = d_.node(root, "rsm:ExchangedDocument");
        inv.number = d_.text(doc, "ram:ID");
        inv.type_code = d_.text(doc, "ram:TypeCode");
        inv.issue_date = date(doc, "ram:IssueDateTime/udt:DateTimeString", "BT-2");
        for (xmlNode* n : d_.nodes(doc, "ram:IncludedNote"))
            inv.notes.push_back({d_.text(n, "ram:SubjectCode"), d_.text(n, "ram:Content")});

        xmlNode* tx = d_.node(root, "rsm:SupplyChainTradeTransaction");
        for (xmlNode* l : d_.nodes(tx, "ram:IncludedSupplyChainTradeLineItem")) line(l);

        xmlNode* agreement = d_.node(tx, "ram:ApplicableHeaderTradeAgreement");
        inv.buyer_reference = d_.text(agreement, "ram:BuyerReference");
        inv.seller = party(d_.node(agreement, "ram:SellerTradeParty"));
        inv.buyer = party(d_.node(agreement, "ram:BuyerTradeParty"));
        inv.order_reference = d_.text(agreement, "ram:BuyerOrderReferencedDocument/ram:IssuerAssignedID");
        inv.contract_reference = d_.text(agreement, "ram:ContractReferencedDocument/ram:IssuerAssignedID");
        inv.project_reference = d_.text(agreement, "ram:SpecifiedProcuringProject/ram:ID");

        xmlNode* delivery = d_.node(tx, "ram:ApplicableHeaderTradeDelivery");
        if (xmlNode* ship = d_.node(delivery, "ram:ShipToTradeParty")) {
            inv.delivery_name = d_.text(ship, "ram:Name");
            if (xmlNode* a = d_.node(ship, "ram:PostalTradeAddress")) inv.delivery_address = address(a);
        }
        inv.delivery_date = date(delivery, "ram:ActualDeliverySupplyChainEvent/ram:OccurrenceDateTime/udt:DateTimeString", "BT-72");

        settlement(d_.node(tx, "ram:ApplicableHeaderTradeSettlement"));
    }

private:
    std::string date(xmlNode* context, const std::string& path, const char* term) {
        return values_.date102(d_.text(context, path), term);
    }

    Address address(xmlNode* a) {
        Address out;
        out.postal_code = d_.text(a, "ram:PostcodeCode");
        out.line1 = d_.text(a, "ram:LineOne");
        out.line2 = d_.text(a, "ram:LineTwo");
        out.line3 = d_.text(a, "ram:LineThree");
        out.city = d_.text(a, "ram:CityName");
        out.country = d_.text(a, "ram:CountryID");
        out.subdivision = d_.text(a, "ram:CountrySubDivisionName");
        return out;
    }

    Party party(xmlNode* p) {
        Party out;
        if (!p) return out;
        for (xmlNode* id : d_.nodes(p, "ram:ID")) out.ids.push_back({XmlDocument::content(id), ""});
        for (xmlNode* id : d_.nodes(p, "ram:GlobalID")) out.ids.push_back({XmlDocument::content(id), XmlDocument::attribute(id, "schemeID")});
        out.name = d_.text(p, "ram:Name");
        out.legal_info = d_.text(p, "ram:Description");
        if (xmlNode* legal = d_.node(p, "ram:SpecifiedLegalOrganization/ram:ID"))
            out.legal_id = {XmlDocument::content(legal), XmlDocument::attribute(legal, "schemeID")};
        out.trading_name = d_.text(p, "ram:SpecifiedLegalOrganization/ram:TradingBusinessName");
        out.contact_name = d_.text(p, "ram:DefinedTradeContact/ram:PersonName");
        out.contact_phone = d_.text(p, "ram:DefinedTradeContact/ram:TelephoneUniversalCommunication/ram:CompleteNumber");
        out.contact_email = d_.text(p, "ram:DefinedTradeContact/ram:EmailURIUniversalCommunication/ram:URIID");
        if (xmlNode* a = d_.node(p, "ram:PostalTradeAddress")) out.address = address(a);
        if (xmlNode* uri = d_.node(p, "ram:URIUniversalCommunication/ram:URIID"))
            out.electronic_address = {XmlDocument::content(uri), XmlDocument::attribute(uri, "schemeID")};
        out.vat_id = d_.text(p, "ram:SpecifiedTaxRegistration/ram:ID[@schemeID='VA']");
        out.tax_registration_id = d_.text(p, "ram:SpecifiedTaxRegistration/ram:ID[@schemeID='FC']");
        return out;
    }

    AllowanceCharge allowance_charge(xmlNode* a, bool document_level) {
        AllowanceCharge out;
        out.charge = d_.text(a, "ram:ChargeIndicator/udt:Indicator") == "true";
        out.amount = values_.decimal(d_.text(a, "ram:ActualAmount"), "BT-92", true);
        out.base = values_.optional_decimal(d_.text(a, "ram:BasisAmount"), "BT-93");
        out.percent = values_.optional_decimal(d_.text(a, "ram:CalculationPercent"), "BT-94");
        out.reason = d_.text(a, "ram:Reason");
        out.reason_code = d_.text(a, "ram:ReasonCode");
        if (document_level) {
            out.vat_category = d_.text(a, "ram:CategoryTradeTax/ram:CategoryCode");
            out.vat_rate = values_.optional_decimal(d_.text(a, "ram:CategoryTradeTax/ram:RateApplicablePercent"), "BT-96");
        }
        return out;
    }

    void line(xmlNode* l) {
        Line out;
        out.id = d_.text(l, "ram:AssociatedDocumentLineDocument/ram:LineID");
        out.note = d_.text(l, "ram:AssociatedDocumentLineDocument/ram:IncludedNote/ram:Content");
        out.seller_item_id = d_.text(l, "ram:SpecifiedTradeProduct/ram:SellerAssignedID");
        out.name = d_.text(l, "ram:SpecifiedTradeProduct/ram:Name");
        out.description = d_.text(l, "ram:SpecifiedTradeProduct/ram:Description");
        xmlNode* agreement = d_.node(l, "ram:SpecifiedLineTradeAgreement");
        out.order_line_ref = d_.text(agreement, "ram:BuyerOrderReferencedDocument/ram:LineID");
        out.gross_price = values_.optional_decimal(d_.text(agreement, "ram:GrossPriceProductTradePrice/ram:ChargeAmount"), "BT-148");
        out.price_discount = values_.optional_decimal(
            d_.text(agreement, "ram:GrossPriceProductTradePrice/ram:AppliedTradeAllowanceCharge/ram:ActualAmount"), "BT-147");
        out.net_price = values_.decimal(d_.text(agreement, "ram:NetPriceProductTradePrice/ram:ChargeAmount"), "BT-146", true);
        out.base_quantity = values_.optional_decimal(d_.text(agreement, "ram:NetPriceProductTradePrice/ram:BasisQuantity"), "BT-149");
        xmlNode* quantity = d_.node(l, "ram:SpecifiedLineTradeDelivery/ram:BilledQuantity");
        out.quantity = values_.decimal(XmlDocument::content(quantity), "BT-129", true);
        out.unit_code = XmlDocument::attribute(quantity, "unitCode");
        xmlNode* settlement = d_.node(l, "ram:SpecifiedLineTradeSettlement");
        out.vat_category = d_.text(settlement, "ram:ApplicableTradeTax/ram:CategoryCode");
        out.vat_rate = values_.optional_decimal(d_.text(settlement, "ram:ApplicableTradeTax/ram:RateApplicablePercent"), "BT-152");
        out.period_start = date(settlement, "ram:BillingSpecifiedPeriod/ram:StartDateTime/udt:DateTimeString", "BT-134");
        out.period_end = date(settlement, "ram:BillingSpecifiedPeriod/ram:EndDateTime/udt:DateTimeString", "BT-135");
        for (xmlNode* a : d_.nodes(settlement, "ram:SpecifiedTradeAllowanceCharge"))
            out.allowances_charges.push_back(allowance_charge(a, false));
        out.net_amount = values_.decimal(
            d_.text(settlement, "ram:SpecifiedTradeSettlementLineMonetarySummation/ram:LineTotalAmount"), "BT-131", true);
        out_.invoice.lines.push_back(std::move(out));
    }

    void settlement(xmlNode* s) {
        Invoice& inv = out_.invoice;
        inv.payment.remittance = d_.text(s, "ram:PaymentReference");
        inv.currency = d_.text(s, "ram:InvoiceCurrencyCode");
        if (xmlNode* means = d_.node(s, "ram:SpecifiedTradeSettlementPaymentMeans")) {
            inv.payment.means_code = d_.text(means, "ram:TypeCode");
            inv.payment.means_text = d_.text(means, "ram:Information");
            inv.payment.iban = d_.text(means, "ram:PayeePartyCreditorFinancialAccount/ram:IBANID");
            if (inv.payment.iban.empty()) inv.payment.iban = d_.text(means, "ram:PayeePartyCreditorFinancialAccount/ram:ProprietaryID");
            inv.payment.account_name = d_.text(means, "ram:PayeePartyCreditorFinancialAccount/ram:AccountName");
            inv.payment.bic = d_.text(means, "ram:PayeeSpecifiedCreditorFinancialInstitution/ram:BICID");
            inv.payment.debtor_iban = d_.text(means, "ram:PayerPartyDebtorFinancialAccount/ram:IBANID");
        }
        for (xmlNode* t : d_.nodes(s, "ram:ApplicableTradeTax")) {
            VatRow v;
            v.tax_amount = values_.decimal(d_.text(t, "ram:CalculatedAmount"), "BT-117", true);
            v.taxable_amount = values_.decimal(d_.text(t, "ram:BasisAmount"), "BT-116", true);
            v.category = d_.text(t, "ram:CategoryCode");
            v.rate = values_.optional_decimal(d_.text(t, "ram:RateApplicablePercent"), "BT-119");
            v.exemption_reason = d_.text(t, "ram:ExemptionReason");
            v.exemption_code = d_.text(t, "ram:ExemptionReasonCode");
            if (inv.vat_point_date_code.empty()) inv.vat_point_date_code = d_.text(t, "ram:DueDateTypeCode");
            inv.vat.push_back(std::move(v));
        }
        inv.period_start = date(s, "ram:BillingSpecifiedPeriod/ram:StartDateTime/udt:DateTimeString", "BT-73");
        inv.period_end = date(s, "ram:BillingSpecifiedPeriod/ram:EndDateTime/udt:DateTimeString", "BT-74");
        for (xmlNode* a : d_.nodes(s, "ram:SpecifiedTradeAllowanceCharge")) inv.allowances_charges.push_back(allowance_charge(a, true));
        // EXTENDED: logistics charges count among the document charges (BT-108).
        for (xmlNode* a : d_.nodes(s, "ram:SpecifiedLogisticsServiceCharge")) {
            AllowanceCharge c;
            c.charge = true;
            c.reason = d_.text(a, "ram:Description");
            c.amount = values_.decimal(d_.text(a, "ram:AppliedAmount"), "BT-99", true);
            c.vat_category = d_.text(a, "ram:AppliedTradeTax/ram:CategoryCode");
            c.vat_rate = values_.optional_decimal(d_.text(a, "ram:AppliedTradeTax/ram:RateApplicablePercent"), "BT-103");
            inv.allowances_charges.push_back(std::move(c));
        }
        std::vector<std::string> terms;
        for (xmlNode* t : d_.nodes(s, "ram:SpecifiedTradePaymentTerms")) {
            if (auto text = d_.text(t, "ram:Description"); !text.empty()) terms.push_back(text);
            if (inv.due_date.empty()) inv.due_date = date(t, "ram:DueDateDateTime/udt:DateTimeString", "BT-9");
            if (inv.payment.mandate.empty()) inv.payment.mandate = d_.text(t, "ram:DirectDebitMandateID");
        }
        inv.payment.terms = join(terms);
        xmlNode* m = d_.node(s, "ram:SpecifiedTradeSettlementHeaderMonetarySummation");
        auto& t = inv.totals;
        t.line_net = values_.optional_decimal(d_.text(m, "ram:LineTotalAmount"), "BT-106");
        t.charges = values_.optional_decimal(d_.text(m, "ram:ChargeTotalAmount"), "BT-108");
        t.allowances = values_.optional_decimal(d_.text(m, "ram:AllowanceTotalAmount"), "BT-107");
        t.tax_exclusive = values_.required_total(d_.text(m, "ram:TaxBasisTotalAmount"), "BR-13", "BT-109");
        // BT-110 is the TaxTotalAmount in the invoice currency (a second one may give BT-111).
        std::string tax;
        for (xmlNode* n : d_.nodes(m, "ram:TaxTotalAmount")) {
            const std::string currency = XmlDocument::attribute(n, "currencyID");
            if (tax.empty() || currency == inv.currency) tax = XmlDocument::content(n);
            if (currency == inv.currency) break;
        }
        t.tax_amount = values_.optional_decimal(tax, "BT-110");
        t.rounding = values_.optional_decimal(d_.text(m, "ram:RoundingAmount"), "BT-114");
        t.tax_inclusive = values_.required_total(d_.text(m, "ram:GrandTotalAmount"), "BR-14", "BT-112");
        t.prepaid = values_.optional_decimal(d_.text(m, "ram:TotalPrepaidAmount"), "BT-113");
        t.payable = values_.required_total(d_.text(m, "ram:DuePayableAmount"), "BR-15", "BT-115");
        for (xmlNode* r : d_.nodes(s, "ram:InvoiceReferencedDocument"))
            inv.preceding.push_back({d_.text(r, "ram:IssuerAssignedID"),
                                     values_.date102(d_.text(r, "ram:FormattedIssueDateTime/qdt:DateTimeString"), "BT-26")});
        inv.buyer_accounting_ref = d_.text(s, "ram:ReceivableSpecifiedTradeAccountingAccount/ram:ID");
    }

    XmlDocument& d_;
    ParsedInvoice& out_;
    ValueReader values_;
};

}  // namespace

void read_cii(XmlDocument& doc, ParsedInvoice& out) {
    out.syntax = Syntax::Cii;
    CiiReader(doc, out).read();
}

}  // namespace comptoir::einvoice::xml
