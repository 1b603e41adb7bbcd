from generator.writers.titles import set_width, split_title, width


def test_width_counts_half_width_digits():
    assert width("2025年") == 3.0
    assert set_width("2025年") == 3.5


def test_short_title_stays_on_one_line():
    assert split_title("关于同意接收张三同志为预备党员的批复", 20) == ["关于同意接收张三同志为预备党员的批复"]


def test_break_keeps_numbers_whole_and_breaks_at_natural_places():
    lines = split_title("中共柳溪镇委员会关于印发《2025年度发展党员工作计划》的通知", 20)
    # never inside the 书名号 when a break outside fits (issue #14, item 7)
    assert lines == ["中共柳溪镇委员会关于印发", "《2025年度发展党员工作计划》的通知"]
    assert "".join(lines) == "中共柳溪镇委员会关于印发《2025年度发展党员工作计划》的通知"
    for line in lines:
        assert set_width(line) <= 20
        assert not line.endswith("《") and not line.startswith("》")


def test_very_long_title_takes_three_lines():
    title = "中共柳溪镇委员会关于同意接收张三、李四、王五、赵六、孙七、周八、吴九、郑十等8名同志为中国共产党预备党员的批复"
    lines = split_title(title, 20)
    assert len(lines) >= 3 and "".join(lines) == title
    assert all(set_width(line) <= 20 for line in lines)


def test_names_and_counts_are_never_cut():
    title = "中共柳溪镇委员会关于同意接收陈晓燕等3名同志为中国共产党预备党员的批复"
    lines = split_title(title, 20)
    assert "".join(lines) == title
    assert any("陈晓燕等3名同志" in line for line in lines)
    assert lines[0].startswith("中共柳溪镇委员会")


def test_organisation_name_is_not_cut():
    lines = split_title("中共南岭县柳溪镇石桥村党总支部委员会关于同意接收孙海燕同志为中国共产党预备党员的批复", 20)
    assert lines[0] == "中共南岭县柳溪镇石桥村党总支部委员会"


def test_break_inside_a_book_title_only_when_nothing_else_fits_and_then_between_words():
    # at 15 ems the name itself is too long for a line: broken, but after 年, not inside 发展
    assert split_title("关于印发《娄底市2014年发展党员工作指导意见》的通知", 15) == [
        "关于印发《娄底市2014年", "发展党员工作指导意见》的通知"]
    # the plan's name fits a line of its own: kept whole
    assert split_title("中共柳溪镇委员会关于印发《2025年度发展党员工作计划》的通知", 15) == [
        "中共柳溪镇委员会关于印发", "《2025年度发展党员工作计划》", "的通知"]
