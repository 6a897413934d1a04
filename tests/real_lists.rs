//! What real lists do, one kind per test (issue #11, "What real lists do"): each list
//! holds copies of one customer written the ways real lists write them, and people who
//! only look alike. The binary cleans the list; the Lineage sheet says which customer
//! each row became, and each test names the rows that must be one customer and the
//! rows that must stay apart.

mod common;

use std::collections::BTreeMap;

use common::Workdir;

const HEADER: &str = "姓名,公司名称,手机,座机,邮箱,地址,城市,省份,邮编\n";

/// Cleans `rows` (CSV lines under [`HEADER`]) and returns the customer id of each data
/// row, in row order.
fn customers_of(rows: &[&str]) -> Vec<String> {
    let w = Workdir::new();
    let list = w.write("list.csv", format!("{HEADER}{}\n", rows.join("\n")));
    w.clean(&[list.to_str().unwrap()], &[]);
    let lineage = w.sheet("Lineage");
    let by_row: BTreeMap<usize, String> = lineage
        .rows
        .iter()
        .map(|r| {
            let row: usize = lineage.get(r, "source_row").parse().expect("row number");
            (row, lineage.get(r, "customer_id").to_string())
        })
        .collect();
    assert_eq!(by_row.len(), rows.len(), "every row accounted for: {by_row:?}");
    (0..rows.len()).map(|i| by_row[&(i + 2)].clone()).collect()
}

/// Asserts that each group of row indices (0-based, data rows) is one customer and
/// that no two groups share one.
fn assert_groups(rows: &[&str], groups: &[&[usize]]) {
    let ids = customers_of(rows);
    for g in groups {
        for &i in &g[1..] {
            assert_eq!(
                ids[i], ids[g[0]],
                "rows {:?} and {:?} should be one customer",
                rows[g[0]], rows[i]
            );
        }
    }
    for (x, gx) in groups.iter().enumerate() {
        for gy in &groups[x + 1..] {
            assert_ne!(
                ids[gx[0]], ids[gy[0]],
                "rows {:?} and {:?} should stay apart",
                rows[gx[0]], rows[gy[0]]
            );
        }
    }
}

#[test]
fn names_typed_differently() {
    let rows = [
        // A given-name character replaced.
        "王冬,,19133391935,,wangd@foxmail.com,,苏州,江苏省,",
        "王元,,86-19133391935,,,,苏州,江苏省,",
        // A given-name character dropped.
        "张敏燕,,13912345678,,,,北京,北京市,",
        "张燕,,139 1234 5678,,,,北京,北京市,",
        // A homophone.
        "张伟,,,,zhangwei88@163.com,,上海,上海市,",
        "张玮,,,,ZhangWei88@163.com,,上海,上海市,",
        // Traditional characters.
        "刘艳,,15178745825,,,,北京,北京市,",
        "劉艷,,+86 151 7874 5825,,,,北京,北京市,",
        // A space inside the name.
        "王芳,,13700137000,,,,广州,广东省,",
        "王 芳,,137-0013-7000,,,,广州,广东省,",
        // A Latin typo.
        "Sharon Smith,,(323) 597-9584,,,,Los Angeles,CA,90037",
        "Shraon Smith,,323-597-9584,,,,Los Angeles,CA,90037",
        // Last, First; swapped order; capitals and lower case.
        "Ashley Rogers,,,,ashley.rogers48@aol.com,,London,,",
        "\"Rogers, Ashley\",,,,ashley.rogers48@aol.com,,London,,",
        "Amanda Miller,,720-977-0268,,,,Denver,CO,",
        "Miller Amanda,,(720) 977-0268,,,,Denver,CO,",
        "STEVEN COX,,,,scox@protonmail.com,,Denver,CO,",
        "steven cox,,,,SCOX@protonmail.com,,Denver,CO,",
        // Another surname on the same mobile: another person.
        "李敏燕,,13912345678,,,,北京,北京市,",
    ];
    assert_groups(
        &rows,
        &[
            &[0, 1],
            &[2, 3],
            &[4, 5],
            &[6, 7],
            &[8, 9],
            &[10, 11],
            &[12, 13],
            &[14, 15],
            &[16, 17],
            &[18],
        ],
    );
}

#[test]
fn company_names_written_short_or_in_traditional_characters() {
    let rows = [
        // The legal suffix dropped or shortened.
        "赵磊,深圳永泰投资集团有限公司,,,,,深圳,广东省,",
        "赵磊,深圳永泰投资,,,,,深圳,广东省,",
        "Nicholas Ross,Northstar Capital Group,,,,,Phoenix,AZ,",
        "NICHOLAS ROSS,Northstar Capital Grp,,,,,Phoenix,AZ,",
        // Traditional characters.
        "孙丽,天宇医疗器械有限公司,,,,,北京,北京市,",
        "孙丽,天宇醫療器械有限公司,,,,,北京,北京市,",
        // A company's own rows, no person named.
        ",Liberty Center Analytics Inc.,,1-213-729-7811,,7168 Hill Lane,Los Angeles,CA,90034",
        ",Liberty Center Analytics Inc,,(213) 729-7811,,7168 Hill Ln,Los Angeles,CA,90034",
        // Colleagues of one surname at one company: two people.
        "王建国,广州天河软件有限公司,,020-87654321,,广州市天河区中山路100号,广州,广东省,",
        "王建华,广州天河软件有限公司,,020-87654321,,广州市天河区中山路100号,广州,广东省,",
    ];
    assert_groups(&rows, &[&[0, 1], &[2, 3], &[4, 5], &[6, 7], &[8], &[9]]);
}

#[test]
fn phone_numbers_written_every_way() {
    let rows = [
        "陈晨,,13800138000,,,,,,",
        "陈晨,,0086 138 0013 8000,,,,,,",
        "陈晨,,(+86)138-0013-8000,,,,,,",
        "陈晨,,86-13800138000,,,,,,",
        "陈晨,,１３８００１３８０００,,,,,,",
        // Extensions: one line, one person.
        "孙浩,,,010-62345678转203,,,北京,北京市,",
        "孙浩,,,(010)6234 5678 ext 203,,,北京,北京市,",
        // A foreign customer's number in a list whose default region is CN.
        "Jason Sullivan,,+1 (503) 942-8800,,,,Portland,,",
        "Jason Sullivan,,(503) 942-8800,,,,Portland,OR,",
    ];
    assert_groups(&rows, &[&[0, 1, 2, 3, 4], &[5, 6], &[7, 8]]);
    let w = Workdir::new();
    let list = w.write("list.csv", format!("{HEADER}{}\n", rows.join("\n")));
    w.clean(&[list.to_str().unwrap()], &[]);
    let customers = w.sheet("Customers");
    let sun = customers.find("name", "孙浩");
    assert!(
        customers.get(sun, "phone_display").contains("203"),
        "the extension is kept: {}",
        customers.get(sun, "phone_display")
    );
    let jason = customers.find("name", "Jason Sullivan");
    assert_eq!(customers.get(jason, "phone"), "+15039428800");
}

#[test]
fn emails_in_capitals_with_a_number_added_or_at_another_domain() {
    let rows = [
        "王建国,,13512345678,,wangjg@163.com,,,,",
        "王建国,,,,WangJG@163.com,,,,",
        "李梓国,,15093899581,,liziguo83@kpfcn.com.cn,,,,",
        "李梓国,,150 9389 9581,,liziguo831588@kpfcn.com.cn,,,,",
        "Steven Cox,,720-977-0268,,scox@protonmail.com,,Denver,CO,",
        "Steven Cox,,(720) 977-0268,,scox@gmail.com,,Denver,CO,",
    ];
    assert_groups(&rows, &[&[0, 1], &[2, 3], &[4, 5]]);
}

#[test]
fn addresses_with_full_width_digits_or_street_words_written_short() {
    let rows = [
        ",广州宏远网络科技公司,,,,广州市海珠区和平路１４５号远景商务楼１１楼,广州,广东省,510449",
        ",广州宏远网络科技公司,,,,广州市海珠区和平路145号远景商务楼11楼,广州市,广东省,510449",
        ",Bluewater Construction Corporation,,,,5772 Madison Ave Suite 1600,Seattle,WA,98105",
        ",Bluewater Construction Corp,,,,5772 Madison Avenue Suite 1600,Seattle,WA,98105",
        // Another company in the same building: apart.
        ",广州嘉禾软件有限公司,,,,广州市海珠区和平路145号远景商务楼11楼,广州,广东省,510449",
    ];
    assert_groups(&rows, &[&[0, 1], &[2, 3], &[4]]);
}

#[test]
fn people_who_moved_keep_one_customer() {
    let rows = [
        // A new mobile: the email stays.
        "李梓国,上海弘业教育咨询集团有限公司,15093899581,,liziguo83@kpfcn.com.cn,,上海,上海市,",
        "李梓国,上海弘业教育咨询集团有限公司,13921178532,,liziguo83@kpfcn.com.cn,,上海,上海市,",
        // A new email, a new landline, a new address, a postcode typed wrong: the mobile stays.
        "周怡晶,重庆腾飞电气,18075435006,023-59089155,yijingzhou@gmail.com,重庆市江北区南京大街20号,重庆,重庆市,400923",
        "周怡晶,重庆腾飞电气,18075435006,023-59089156,zhouyj@163.com,重庆市渝中区解放碑8号,重庆,重庆市,400932",
        // The same contact at the same company, on the same office line, with only a
        // new mobile this quarter.
        "陈建,天津众诚化工有限公司,15955193236,022-32686493,,,天津,天津市,",
        "陈建,天津众诚化工有限公司,15814426160,022-32686493,,,天津,天津市,",
        // One name at one company with two mobiles and nothing else personal in
        // common: never merged without a person's word.
        "王雨,南京金桥网络科技有限公司,17849032547,,,,南京,江苏省,",
        "王雨,南京金桥网络科技有限公司,17668701398,,,,南京,江苏省,",
    ];
    assert_groups(&rows, &[&[0, 1], &[2, 3], &[4, 5], &[6], &[7]]);
}

#[test]
fn an_email_spelled_from_the_name_does_not_join_two_people_of_that_name() {
    let rows = [
        // One 刘艳, her address typed at another domain on a later row.
        "刘艳,,15178745825,,liu_yan@139.com,北京市东城区科技街948号天成广场21楼,北京,北京市,100328",
        "刘艳,,151 7874 5825,,liu_yan@gmail.com,,北京,北京市,",
        // Another 刘艳 (traditional characters), in another district with another
        // mobile, given the first one's address: apart.
        "劉艷,,18673973287,,liu_yan@gmail.com,北京市东城区光明路452号宏图科技园2楼,上海,上海市,200001",
        // Two Joshua Allens in two cities with two mobiles and one guessed address.
        "Joshua Allen,,(267) 851-1132,,joshua.allen@outlook.com,12 Pine St,Philadelphia,PA,19103",
        "Joshua Allen,,(206) 556-3778,,joshua.allen@outlook.com,881 Oak Ave,Seattle,WA,98106",
        // An address that is not the name counts in full: one person who moved.
        "Grace Liu,,(415) 555-0134,,gliu.design@outlook.com,1 Market St,San Francisco,CA,94105",
        "Grace Liu,,(510) 555-0199,,gliu.design@outlook.com,9 Elm St,Oakland,CA,94607",
    ];
    assert_groups(&rows, &[&[0, 1], &[2], &[3], &[4], &[5, 6]]);
}

#[test]
fn two_companies_given_one_role_address_at_a_free_mail_domain_stay_apart() {
    let rows = [
        ",成都天宇永泰食品有限公司,,86-28-33021999,contact@aol.com,,成都市,四川省,",
        ",九州华夏实业公司,,,contact@aol.com,成都市武侯区花园街24号鑫源广场17楼,成都市,四川省,610891",
        // One company's own rows, on its own address: one customer.
        ",Apex Broad Packaging Inc.,,(212) 604-4409,info@apexbroadpacka.com,,New York,NY,",
        ",Apex Broad Packaging,,,info@apexbroadpacka.com,2436 Forest Drive,New York,NY,",
    ];
    assert_groups(&rows, &[&[0], &[1], &[2, 3]]);
}

#[test]
fn neighbours_of_one_name_on_one_street_are_neither_merged_nor_asked() {
    let w = Workdir::new();
    let rows = [
        "Nancy Cooper,,07554 873532,,,73 Park Road,London,,SW11 1RT",
        "Nancy Cooper,,07410 038208,,nancy.cooper70@gmail.com,65 Park Road,London,,",
    ];
    let list = w.write("list.csv", format!("{HEADER}{}\n", rows.join("\n")));
    w.clean(&[list.to_str().unwrap()], &["--region", "GB"]);
    assert_eq!(w.sheet("Customers").rows.len(), 2, "two customers");
    assert!(w.sheet("Review").rows.is_empty(), "nothing to ask");
}

#[test]
fn the_evidence_says_which_of_a_name_and_its_email_was_not_counted() {
    let w = Workdir::new();
    let rows = [
        "刘艳,,15178745825,,liu_yan@139.com,,北京,北京市,",
        "刘艳,,151 7874 5825,,liu_yan@139.com,,北京,北京市,",
    ];
    let list = w.write("list.csv", format!("{HEADER}{}\n", rows.join("\n")));
    w.clean(&[list.to_str().unwrap()], &[]);
    let duplicates = w.sheet("Duplicates");
    assert_eq!(duplicates.rows.len(), 1);
    let evidence = duplicates.get(&duplicates.rows[0], "evidence");
    let name = evidence
        .split("; ")
        .find(|e| e.starts_with("name:"))
        .expect("name evidence");
    let email = evidence
        .split("; ")
        .find(|e| e.starts_with("email:"))
        .expect("email evidence");
    assert!(name.ends_with("(not counted: the email spells the name)"), "{evidence}");
    assert!(!email.contains("not counted"), "{evidence}");
}

#[test]
fn rows_that_say_the_same_are_one_customer_however_thin() {
    let rows = [
        // Name and city only: too thin to score, but written twice the same.
        "刘洋,,,,,,武汉,湖北省,",
        "刘洋,,,,,,武汉,湖北省,",
        // Another city: nothing says these are the same person.
        "刘洋,,,,,,北京,北京市,",
        // A company and a switchboard, no name, twice; the same written with spaces
        // and full-width digits is still the same once cleaned.
        ",Westfield Logistics LLC,,(213) 555-0199,,,Los Angeles,CA,",
        ",Westfield  Logistics LLC,,（２１３） ５５５-０１９９,,,Los Angeles,CA,",
        // A bad number is part of what a row says: a different one keeps it apart.
        "陈静,,12345,,,,,,",
        "陈静,,12345,,,,,,",
        "陈静,,54321,,,,,,",
    ];
    assert_groups(&rows, &[&[0, 1], &[2], &[3, 4], &[5, 6], &[7]]);
    let w = Workdir::new();
    let list = w.write("list.csv", format!("{HEADER}{}\n", rows[..2].join("\n")));
    w.clean(&[list.to_str().unwrap()], &["--lang", "zh"]);
    let duplicates = w.sheet("重复");
    let evidence = &duplicates.rows[0][duplicates.header.iter().position(|h| h == "依据").unwrap()];
    assert!(evidence.starts_with("各项值完全相同；姓名"), "{evidence}");
}
