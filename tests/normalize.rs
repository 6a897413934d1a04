//! Normalizing through the binary: the Changes sheet logs every change with its rule,
//! field problems are counted in report.json, and undialable numbers give reasons.

mod common;

use common::Workdir;

fn change<'a>(changes: &'a common::Sheet, raw: &str) -> &'a Vec<String> {
    changes.find("raw_value", raw)
}

#[test]
fn changes_sheet_logs_raw_clean_and_rule() {
    let w = Workdir::new();
    w.clean_demo();
    let changes = w.sheet("Changes");
    for (raw, field, clean, rule) in [
        ("lisi@qq.con", "email", "lisi@qq.com", "email.domain_typo"),
        ("zhoujiu＠sina．com", "email", "zhoujiu@sina.com", "email.tidy"),
        ("１３６００１３６０００", "mobile", "+8613600136000", "phone.format"),
        (
            "(010)62345670转203",
            "landline",
            "+861062345670;ext=203",
            "phone.format",
        ),
        ("62345678", "landline", "+862062345678", "phone.area_code"),
        ("李 四", "name", "李四", "name.spaces"),
        ("王经理", "name", "王", "name.title"),
        ("2023年5月8日", "fill_date", "2023-05-08", "date.reformat"),
        ("Zhang | San", "name", "San Zhang", "name.combine"),
    ] {
        let row = change(&changes, raw);
        assert_eq!(changes.get(row, "field"), field, "{raw}");
        assert_eq!(changes.get(row, "clean_value"), clean, "{raw}");
        assert_eq!(changes.get(row, "rule"), rule, "{raw}");
        assert!(changes.get(row, "source").contains("fixtures/demo/"), "{raw}");
    }
}

#[test]
fn titles_and_landlines_land_in_their_columns() {
    let w = Workdir::new();
    w.clean_demo();
    let customers = w.sheet("Customers");
    let wang = customers.find("name", "王");
    assert_eq!(customers.get(wang, "title"), "经理");
    let zhao = customers.find("name", "赵六");
    assert_eq!(customers.get(zhao, "phone"), "+862062345678", "area code 020 from 广州");
    assert_eq!(customers.get(zhao, "phone_type"), "fixed_line");
    let li = customers.find("name", "李四");
    assert_eq!(
        customers.get(li, "phone"),
        "+8613900139000",
        "a mobile is the best number"
    );
    assert_eq!(customers.get(li, "phones"), "+8613900139000; +861062345670;ext=203");
    assert_eq!(
        customers.get(li, "phone_display"),
        "139 0013 9000; 010 6234 5670 转 203"
    );
    let wu = customers.find("name", "吴十");
    assert!(
        customers.get(wu, "phones").contains("+8613400134000"),
        "two numbers in one cell"
    );
}

#[test]
fn field_issues_are_counted_not_reasons() {
    let w = Workdir::new();
    w.clean_demo();
    let report = w.report();
    assert!(
        report["field_issues"]["email"].as_u64().unwrap() >= 1,
        "qianqi@@163.com: {report}"
    );
    let customers = w.sheet("Customers");
    let qian = customers.find("name", "钱七");
    // A bad email does not make a customer invalid; the lost digit of 1380013800 does.
    assert_eq!(customers.get(qian, "reason"), "invalid_number");
}

#[test]
fn data_checks_give_reasons() {
    let w = Workdir::new();
    w.clean_demo();
    let customers = w.sheet("Customers");
    for (name, status, reason) in [
        ("孙八", "invalid", "fax"),
        ("郑十一", "invalid", "no_phone"),
        ("刘洋", "invalid", "malformed_phone"),
        ("钱七", "invalid", "invalid_number"),
        ("Lei Sun", "invalid", "malformed_phone"),
        ("张三", "valid", ""),
        ("John Smith", "valid", ""),
    ] {
        let row = customers.find("name", name);
        assert_eq!(customers.get(row, "status"), status, "{name}");
        assert_eq!(customers.get(row, "reason"), reason, "{name}");
    }
    let invalid = w.sheet("Invalid");
    let sun = invalid.find("name", "孙八");
    assert_eq!(invalid.get(sun, "evidence"), "+8675586001234");
    let report = w.report();
    assert_eq!(report["invalid"].as_u64().unwrap() as usize, invalid.rows.len());
}

#[test]
fn a_country_column_sets_the_numbering_plan() {
    let w = Workdir::new();
    let csv = w.write(
        "intl.csv",
        "Name,Phone,Country\nAnna Schmidt,030 1234567,Germany\nJohn Smith,(415) 555-2671,USA\n王五,13700137000,中国\n",
    );
    w.clean(&[csv.to_str().unwrap()], &[]);
    let customers = w.sheet("Customers");
    assert_eq!(
        customers.get(customers.find("name", "Anna Schmidt"), "phone"),
        "+49301234567"
    );
    assert_eq!(
        customers.get(customers.find("name", "John Smith"), "phone"),
        "+14155552671"
    );
    assert_eq!(customers.get(customers.find("name", "王五"), "phone"), "+8613700137000");
}

#[test]
fn region_flag_sets_the_default_plan() {
    let w = Workdir::new();
    let csv = w.write("us.csv", "Name,Phone\nJohn Smith,(415) 555-2671\n");
    w.clean(&[csv.to_str().unwrap()], &["--region", "us"]);
    let customers = w.sheet("Customers");
    assert_eq!(
        customers.get(customers.find("name", "John Smith"), "phone"),
        "+14155552671"
    );
    let o = w.run(&[
        "clean",
        csv.to_str().unwrap(),
        "--region",
        "USA1",
        "-o",
        w.path("x").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("two-letter country code"));
}

#[test]
fn a_number_hidden_in_the_name_is_found() {
    let w = Workdir::new();
    let csv = w.write(
        "hidden.csv",
        "姓名,地址\n张三 13800138000,北京市海淀区\n李四,上海市浦东新区 电话021-62345678\n",
    );
    w.clean(&[csv.to_str().unwrap()], &[]);
    let customers = w.sheet("Customers");
    let zhang = customers.find("name", "张三");
    assert_eq!(customers.get(zhang, "phone"), "+8613800138000");
    assert_eq!(customers.get(zhang, "status"), "valid");
    let li = customers.find("name", "李四");
    assert_eq!(customers.get(li, "phone"), "+862162345678");
    let changes = w.sheet("Changes");
    assert!(changes.column("rule").contains(&"phone.found_in_name".to_string()));
    assert!(changes.column("rule").contains(&"name.phone_removed".to_string()));
}

#[test]
fn a_state_column_or_a_number_written_with_its_country_code_places_the_record() {
    // `1-786-606-2527` and `(253) 770-5690` are valid mainland numbers when read in CN
    // (a 178 mobile, a Nanjing landline); beside a US state, or beside another number
    // written with +1, they are American.
    let w = Workdir::new();
    let list = w.write(
        "contacts.csv",
        "姓名,手机,座机,城市,省份,邮编\n\
         Sharon Smith,(323) 597-9584,,Los Angeles,CA,90037\n\
         Tom Reed,1-786-606-2527,,Miami,Florida,\n\
         Jason Sullivan,+1 (503) 942-8800,1-617-495-1555 ext. 218,,,\n\
         Anne Roy,(416) 555-0175,,Toronto,ON,M5V 2T6\n\
         Lisa Park 1-786-555-0123,,,Miami,FL,\n\
         王芳,13800138000,,Los Angeles,CA,\n\
         李四,,010-62345678,北京,北京市,100080\n",
    );
    w.clean(&[list.to_str().unwrap()], &[]);
    let customers = w.sheet("Customers");
    for (name, column, e164) in [
        ("Sharon Smith", "phone", "+13235979584"),
        ("Tom Reed", "phone", "+17866062527"),
        ("Jason Sullivan", "phone", "+15039428800"),
        ("Anne Roy", "phone", "+14165550175"),
        // A number written into the name is read in the record's country too.
        ("Lisa Park", "phone", "+17865550123"),
        ("王芳", "phone", "+8613800138000"),
        ("李四", "phone", "+861062345678"),
    ] {
        let row = customers.find("name", name);
        assert_eq!(customers.get(row, column), e164, "{name}");
        assert_eq!(customers.get(row, "status"), "valid", "{name}");
    }
    let sullivan = customers.find("name", "Jason Sullivan");
    assert!(
        customers.get(sullivan, "phones").contains("+16174951555"),
        "{}",
        customers.get(sullivan, "phones")
    );
    let changes = w.sheet("Changes");
    let placed: Vec<String> = changes
        .rows
        .iter()
        .filter(|r| changes.get(r, "rule") == "phone.region_of_record")
        .map(|r| changes.get(r, "raw_value").to_string())
        .collect();
    for raw in ["(323) 597-9584", "1-786-606-2527", "1-617-495-1555 ext. 218"] {
        assert!(placed.iter().any(|p| p.contains(raw)), "{raw} not in {placed:?}");
    }
}

#[test]
fn a_foreign_number_is_read_in_the_country_its_record_points_to() {
    let w = Workdir::new();
    let list = w.write(
        "contacts.csv",
        "Name,Phone,Address,Country\n\
         John Smith,(253) 770-5690,\"100 Pine St, Seattle, WA 98101\",\n\
         Tom Lee,020 7946 0958,\"10 Downing St, London SW1A 2AA\",\n\
         Amy Wu,02 9374 4000,\"Sydney NSW 2000, Australia\",\n\
         Ann Roe,(212) 555-0143,,USA\n\
         张三,13800138000,\"1 Main St, Seattle, WA 98101\",\n\
         李四,010-62345678,北京市海淀区中关村大街1号,\n",
    );
    w.clean(&[list.to_str().unwrap()], &[]);
    let customers = w.sheet("Customers");
    for (name, e164) in [
        ("John Smith", "+12537705690"),
        ("Tom Lee", "+442079460958"),
        ("Amy Wu", "+61293744000"),
        ("张三", "+8613800138000"),
        ("李四", "+861062345678"),
    ] {
        let row = customers.find("name", name);
        assert_eq!(customers.get(row, "phone"), e164, "{name}");
        assert_eq!(customers.get(row, "status"), "valid", "{name}");
    }
    let changes = w.sheet("Changes");
    let row = change(&changes, "(253) 770-5690");
    let region_rows: Vec<&Vec<String>> = changes
        .rows
        .iter()
        .filter(|r| changes.get(r, "rule") == "phone.region_of_record")
        .collect();
    assert!(!region_rows.is_empty());
    assert!(changes.get(row, "source").ends_with("contacts.csv:2"));
    assert!(
        region_rows.iter().any(|r| changes.get(r, "clean_value").contains("US")),
        "{region_rows:?}"
    );
}
