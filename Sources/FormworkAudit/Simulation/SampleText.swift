/// Words and sentences simulated reps write: enough variety that real answers rarely repeat, so that
/// repeats in the usage findings come from behaviour (placeholders, copies), not from the pools.
enum SampleText {
    static let surnames = [
        "Chen", "Lin", "Huang", "Chang", "Li", "Wang", "Wu", "Liu", "Tsai", "Yang", "Hsu", "Cheng", "Hsieh", "Kuo",
        "Hung", "Tseng", "Chiu", "Liao", "Lai", "Chou",
    ]
    static let givenNames = [
        "Da-wei", "Mei-ling", "Chih-ming", "Ya-ting", "Chun-chieh", "Shu-fen", "Wen-hsiung", "Hui-chen", "Kuan-yu",
        "Pei-shan", "Tsung-han", "Yi-ju", "Ming-hsun", "Hsiao-wen", "Po-wei",
    ]
    static let titles = [
        "Plant manager", "Purchasing manager", "Maintenance lead", "Production engineer", "General manager",
        "Procurement officer", "Quality manager", "Engineering director", "Owner", "Operations manager",
    ]
    static let cities = [
        "Taipei", "New Taipei", "Taoyuan", "Hsinchu", "Taichung", "Changhua", "Tainan", "Kaohsiung", "Pingtung",
        "Keelung", "Yilan", "Miaoli",
    ]
    static let streets = [
        "Zhongshan Rd", "Minsheng Rd", "Gongye 1st Rd", "Heping E. Rd", "Jianguo N. Rd", "Zhonghua Rd",
        "Wenhua Rd", "Chenggong Rd", "Xinyi Rd", "Fuxing Rd",
    ]
    static let companyWords = [
        "Precision", "Machinery", "Industrial", "Metal", "Plastics", "Electronics", "Automation", "Tooling",
        "Chemical", "Foods", "Logistics", "Motor",
    ]
    static let countries = [
        "Japan", "Vietnam", "Thailand", "Malaysia", "USA", "Germany", "Indonesia", "Philippines", "India", "Mexico",
        "Korea", "Singapore", "Australia", "Poland", "Turkey", "Brazil",
    ]
    static let phrases = [
        "prefers quotes by email", "samples requested for line 2", "budget decided in March",
        "runs two shifts", "new plant opening next year", "price is the main concern", "asked for a demo",
        "compares three suppliers", "wants local stock", "delivery time matters most", "long-time user of imports",
        "expanding the maintenance team", "trial order possible", "decision by the owner", "pays on time",
        "needs training for operators", "unhappy with current supplier", "certification audit coming",
        "seasonal demand peaks in Q4", "open to a yearly contract",
    ]
    static let sentences = [
        "Met the plant manager and walked the production line to see where our bearings fit.",
        "The customer asked for a quotation for two hundred units with delivery within four weeks.",
        "They are testing a competitor's grease on line 3 and will decide after the trial.",
        "Purchasing confirmed the budget for the second half; the final decision sits with the owner.",
        "We agreed to send samples and to come back with a maintenance plan next week.",
        "The maintenance lead complained about downtime caused by belt failures last month.",
        "Price is their main objection; I proposed a yearly contract with a volume discount.",
        "They want local stock in Taichung and next-day delivery for urgent parts.",
        "The engineer needs a datasheet and a reference customer in the same industry.",
        "Discussed payment terms; they pay 60 days after month end and will not move.",
        "Showed the new insert range; the operators liked the tool life figures.",
        "The customer is expanding the plant and will tender the supply of consumables in May.",
        "Our delivery last month was late, which they raised first; I explained the fix.",
        "They are satisfied with the product but ask for faster responses from our service team.",
        "A new purchasing manager started; I introduced our company and the current agreement.",
        "They asked us to join a technical review with their quality department.",
        "The trial order went well and they will place a regular order next quarter.",
        "Competitor offered a lower price; we will compete on service and lead time.",
        "The owner wants a visit from our director before signing a larger order.",
        "Agreed next steps: quotation by Friday, samples next week, follow-up call after the trial.",
        "They need certification documents for the audit at the end of the month.",
        "Production volume is lower this quarter, so orders will be smaller until summer.",
        "Their engineer will compare our cylinder with the current one on the test bench.",
        "We reviewed open issues from the last delivery and closed two of the three.",
    ]
    static let opinions = [
        "Good visit; push for the trial order before month end.",
        "Ask who else is involved in the decision before quoting.",
        "Agree with the plan; bring the datasheet and the reference case.",
        "Clear notes. Follow up on the samples within a week.",
        "The next step is vague; set a date with the customer.",
        "Check the payment terms with finance before promising anything.",
        "Well prepared. Let me know if you need me at the meeting.",
        "Focus on downtime cost, not on unit price.",
        "Good. Keep the competitor comparison factual.",
        "Please add who we met and what they said about the budget.",
        "Approved. Make sure delivery is confirmed in writing.",
        "Try to meet the owner next time; purchasing cannot decide this.",
        "主管意見：請於本週內追蹤樣品測試結果。",
        "內容完整，請持續掌握客戶的預算進度。",
    ]
    static let placeholderAnswers = ["N/A", "TBD", "-", "無", "同上", "x", "."]
    static let placeholderOpinions = ["OK", "閱", "ok", "同意", "Noted"]
    /// Answers to a category asked as free text: what reps write when a choice list would do.
    static let categories: [String: [String]] = [
        "_type": ["regular", "urgent", "follow-up", "new"], "_kind": ["regular", "urgent", "follow-up", "new"],
        "_category": ["quality", "delivery", "price", "service"],
        "_purpose": ["introduction", "follow-up", "price talk", "complaint"],
        "_channel": ["phone", "email", "visit", "fair"], "_status": ["open", "waiting", "closed", "done"],
        "_level": ["high", "medium", "low", "same"], "_source": ["fair", "website", "referral", "phone"],
    ]
}
