# SPDX-License-Identifier: MIT
# 政府信息公开工作年度报告格式 — 国办公开办函〔2019〕60号 《…年度报告格式（试行）》 (report years 2019 and 2020).
#
# This file is the whole template: tables, blocks, columns, rows, labels and their known
# variants, and the consistency rules. tools/tplgen.c compiles every lib/templates/*.tpl into
# the library; adding a template is adding one such file. Format: one directive per line,
# fields separated by " | ", "#" starts a comment line. `alias` adds a known variant of the
# label of the item defined just before it. `group` and `colgroup` nest until `end`.

template 2019
name 国办公开办函〔2019〕60号
name_en Notice No. 60 [2019] of the State Council's disclosure office
first_year 2019

section preamble |  | Preamble
section overview | 总体情况 | General situation
section problems | 存在的主要问题及改进情况 | Main problems and improvements
alias 政府信息公开工作存在的主要问题及改进情况
section other | 其他需要报告的事项 | Other matters to report

table proactive | 二 | 主动公开政府信息情况 | Proactive disclosure of government information
corner 信息内容 | Content
block 第二十条第（一）项 | Article 20 (1)
col produced | 本年新制作数量 | Newly produced this year | 件 | count
col published | 本年新公开数量 | Newly published this year | 件 | count
col total_published | 对外公开总数量 | Total published | 件 | count
row regulations | 规章 | Rules
row normative_documents | 规范性文件 | Normative documents
alias 行政规范性文件
block 第二十条第（五）项 | Article 20 (5)
col previous | 上一年项目数量 | Items last year | 项 | count
col change | 本年增/减 | Change this year | 项 | signed
col decisions | 处理决定数量 | Decisions | 件 | count
row licensing | 行政许可 | Administrative licensing
row other_services | 其他对外管理服务事项 | Other external management services
block 第二十条第（六）项 | Article 20 (6)
col previous | 上一年项目数量 | Items last year | 项 | count
col change | 本年增/减 | Change this year | 项 | signed
col decisions | 处理决定数量 | Decisions | 件 | count
row punishment | 行政处罚 | Administrative penalties
row coercion | 行政强制 | Administrative coercion
block 第二十条第（八）项 | Article 20 (8)
col previous | 上一年项目数量 | Items last year | 项 | count
col change | 本年增/减 | Change this year | 项 | signed
row fees | 行政事业性收费 | Administrative fees
block 第二十条第（九）项 | Article 20 (9)
col projects | 采购项目数量 | Procurement projects | 项 | count
col amount | 采购总金额 | Total procurement amount |  | amount
row procurement | 政府集中采购 | Centralised government procurement

table applications | 三 | 收到和处理政府信息公开申请情况 | Applications for disclosure received and handled
corner （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | (In each column, item one plus item two equals item three plus item four)
block
colgroup 申请人情况 | Applicants
col natural_person | 自然人 | Natural persons | 件 | count
colgroup 法人或其他组织 | Legal persons or other organisations
col commercial | 商业企业 | Commercial enterprises | 件 | count
col research | 科研机构 | Research institutions | 件 | count
col social_welfare | 社会公益组织 | Social welfare organisations | 件 | count
col legal_service | 法律服务机构 | Legal service institutions | 件 | count
col other_org | 其他 | Others | 件 | count
end
col total | 总计 | Total | 件 | count
end
row new | 一、本年新收政府信息公开申请数量 | I. New applications this year
row carried_over | 二、上年结转政府信息公开申请数量 | II. Applications carried over from last year
group - | 三、本年度办理结果 | III. Results this year
row granted | （一）予以公开 | (1) Disclosed
row partially_granted | （二）部分公开（区分处理的，只计这一情形，不计其他情形） | (2) Partially disclosed
alias （二）部分公开
group denied | （三）不予公开 | (3) Not disclosed
row state_secret | 1.属于国家秘密 | 1. State secret
row prohibited_by_law | 2.其他法律行政法规禁止公开 | 2. Prohibited by other laws and administrative regulations
row security_stability | 3.危及“三安全一稳定” | 3. Endangers the "three securities and one stability"
row third_party_rights | 4.保护第三方合法权益 | 4. Protects a third party's lawful rights
row internal_affairs | 5.属于三类内部事务信息 | 5. One of three kinds of internal affairs
row process_info | 6.属于四类过程性信息 | 6. One of four kinds of process information
row enforcement_file | 7.属于行政执法案卷 | 7. Administrative enforcement file
row administrative_query | 8.属于行政查询事项 | 8. Administrative query matter
end
group unable | （四）无法提供 | (4) Cannot be provided
row not_held | 1.本机关不掌握相关政府信息 | 1. Not held by this agency
row needs_creation | 2.没有现成信息需要另行制作 | 2. Would have to be created
row unclear | 3.补正后申请内容仍不明确 | 3. Still unclear after correction
end
group not_processed | （五）不予处理 | (5) Not processed
row complaint | 1.信访举报投诉类申请 | 1. Petition, report or complaint
row duplicate | 2.重复申请 | 2. Duplicate application
row publication | 3.要求提供公开出版物 | 3. Asks for a publication
row excessive | 4.无正当理由大量反复申请 | 4. Many repeated applications without good reason
row confirmation | 5.要求行政机关确认或重新出具已获取信息 | 5. Asks the agency to confirm or reissue information already obtained
end
row other | （六）其他处理 | (6) Other handling
row total | （七）总计 | (7) Total
end
row carried_forward | 四、结转下年度继续办理 | IV. Carried forward to next year

table review_litigation | 四 | 政府信息公开行政复议、行政诉讼情况 | Administrative review and litigation
alias 因政府信息公开工作被申请行政复议和提起行政诉讼情况
alias 因政府信息公开工作被申请行政复议提起行政诉讼情况
alias 因政府信息公开工作被申请行政复议、提起行政诉讼情况
alias 政府信息公开行政复议及行政诉讼情况
alias 政府信息公开行政复议和行政诉讼情况
inline
block
col upheld | 结果维持 | Upheld | 件 | count
col corrected | 结果纠正 | Corrected | 件 | count
col other | 其他结果 | Other result | 件 | count
col pending | 尚未审结 | Pending | 件 | count
col total | 总计 | Total | 件 | count
row review | 行政复议 | Administrative review
group - | 行政诉讼 | Administrative litigation
row litigation_direct | 未经复议直接起诉 | Sued directly without review
row litigation_after_review | 复议后起诉 | Sued after review
end

# Consistency rules. `terms A B = C D`: A + B = C + D, where a term is a row (columns scope:
# one identity per column) or a column (rows scope: one identity per row), "x.*" stands for
# every row of group x, a leading "-" subtracts, a leading "@" reads the previous year's
# report. The left side is the expected value, the right side the actual one; {cell} is the
# first cell of the right side. An identity that involves an optional cell is evaluated only
# when that cell is filled.

rule T3.BALANCE | error | columns | applications
terms new carried_over = total carried_forward
desc 第一项加第二项之和，等于第三项加第四项之和
desc_en New plus carried over equals total handled plus carried forward
msg {cell}：第三项加第四项之和应为 {expected}（第一项加第二项之和），实为 {actual}
msg_en {cell}: total plus carried forward should be {expected} (new plus carried over), is {actual}

rule T3.TOTAL_ROW | error | columns | applications
terms granted partially_granted denied.* unable.* not_processed.* other = total
desc （七）总计等于各办理结果之和
desc_en The total equals the sum of all results
msg {cell}：（七）总计应为 {expected}（各办理结果之和），实为 {actual}
msg_en {cell}: the total should be {expected} (sum of all results), is {actual}

rule T3.TOTAL_COL | error | rows | applications
terms natural_person commercial research social_welfare legal_service other_org = total
desc 总计列等于自然人与法人或其他组织各列之和
desc_en The total column equals the sum of the six applicant columns
msg {cell}：总计列应为 {expected}（各类申请人之和），实为 {actual}
msg_en {cell}: the total column should be {expected} (sum of the applicant columns), is {actual}

rule T4.TOTAL | error | rows | review_litigation
terms upheld corrected other pending = total
desc 总计等于结果维持、结果纠正、其他结果、尚未审结之和
desc_en The total equals upheld plus corrected plus other plus pending
msg {cell}：总计应为 {expected}（结果维持、结果纠正、其他结果、尚未审结之和），实为 {actual}
msg_en {cell}: the total should be {expected} (upheld + corrected + other + pending), is {actual}

rule CELL.NONNEG | error | nonneg
desc 件数为非负整数
desc_en Counts are non-negative integers
msg {cell}：件数不能为负数，实为 {actual}
msg_en {cell}: a count cannot be negative, is {actual}

rule CELL.AMOUNT | error | amount
desc 金额为非负数
desc_en Amounts are non-negative
msg {cell}：金额不能为负数，实为 {actual}
msg_en {cell}: an amount cannot be negative, is {actual}

rule YOY.CARRY | error | yoy-columns | applications
terms @carried_forward = carried_over
desc 本年上年结转等于上年报告的结转下年度继续办理
desc_en Carried over this year equals last year's carried forward
msg {cell}：上年结转应为 {expected}（上年报告的结转下年度继续办理），实为 {actual}
msg_en {cell}: carried over should be {expected} (last year's carried forward), is {actual}

# ---- Plausibility (warnings: unlikely, not provably wrong) ----

rule TEMPLATE.OUTDATED | warning | outdated
desc 报告年度已适用更新的格式
desc_en A newer template applies to the report's year

# A township or street office cannot make 规章 (《立法法》: only the State Council's departments
# and provincial and districted-city governments do). A report is a township's or street
# office's when its agency (or its title's) ends as one of town_suffix, or its narrative
# speaks of itself as one of town_self.
list town_suffix | 镇 乡 街道 街道办 街道办事处 镇人民政府 乡人民政府 镇政府 乡政府 苏木 鎮 鄉 街道辦 街道辦事處 鎮人民政府 鄉人民政府 鎮政府 鄉政府
list town_self | 我镇 本镇 我乡 本乡 我街道 本街道 我街办 本街办 我鎮 本鎮 我鄉 本鄉
rule PLAUS.TOWN_REGULATIONS | warning | town | proactive
rows regulations
desc 乡镇、街道不制定规章
desc_en A township or street office makes no rules (规章)
msg {cell}：{quote}是乡镇或街道，不能制定规章（《立法法》：规章由国务院部门和省级、设区的市级人民政府制定），而此处填报 {actual}
msg_en {cell}: {quote} is a township or street office, which cannot make rules (规章: under the Legislation Law only State Council departments and provincial and districted-city governments do), yet {actual} is reported

rule PLAUS.PUBLISHED_TOTAL | warning | rows-atleast | proactive
rows regulations normative_documents
terms total_published = published
desc 对外公开总数量不小于本年新公开数量
desc_en The total published is at least the number newly published this year
msg {cell}：本年新公开数量 {actual} 大于对外公开总数量 {expected}
msg_en {cell}: newly published this year ({actual}) exceeds the total published ({expected})

rule PLAUS.PERIOD_YEAR | warning | period
desc 标题所署年度与正文所述统计期限一致
desc_en The year in the title is the year of the reporting period stated in the text
msg 标题所署年度为 {expected} 年，而正文所述统计期限为 {actual} 年（“{quote}”）
msg_en the title names the year {expected}, but the reporting period stated in the text is {actual} ("{quote}")

rule PLAUS.UNIT | warning | unit
desc 数值所带单位与该列单位一致
desc_en A value's unit is its column's
msg {cell}：原文数值所带单位与该列单位（{unit}）不同，已换算为 {actual}，请核实单位
msg_en {cell}: the value in the text carries another unit than the column's ({unit}); read as {actual} after conversion, please verify the unit

# ---- The narrative against the tables (TEXT.MATCH) ----
# A figure the narrative states: `figure CODE | WHAT | WHAT_EN`, then
#   nouns    the words right before the number that name what it counts (one of them);
#   verbs    words of which one must come before those in the clause (none: not needed);
#            when figures share nouns, the one whose verb comes last is meant;
#   context  words of which one must come earlier in the sentence (when figures share words,
#            the one whose context comes last is meant, if they have no verbs);
#   about    words of which one must come earlier in the sentence too;
#   units    the units after the number (元=-4: a value in 元 for cells in 万元);
#   cells    the cells it may equal: alternatives separated by ";", each a sum of cells.
# A number followed by 余 or 多 (about) is not compared. `list fillers` may stand between the
# nouns and the number ("申请共2件", "行政复议案件0件").

rule TEXT.MATCH | warning | text
desc 正文所述数字与表格一致
desc_en Figures stated in the narrative agree with the tables
msg “{quote}”：正文所述{what}为 {actual}，而{cells}为 {expected}
msg_en "{quote}": the narrative states {what} as {actual}, but {cells} is {expected}

list fillers | 共 总共 共计 总计 合计 累计 计 数 为 是 达 有 案 案件 ： :

figure applications.new | 收到的政府信息公开申请 | applications received
nouns 政府信息公开申请 信息公开申请 依申请公开申请 依申请公开事项 依申请公开
verbs 收到 受理 接到 接收 新收
units 件
cells applications.new.total ; applications.new.total + applications.carried_over.total

figure applications.carried_over | 上年结转的政府信息公开申请 | applications carried over
nouns 政府信息公开申请 信息公开申请 依申请公开申请 依申请公开事项 依申请公开
verbs 上年结转 结转上年度 上年度结转 上一年度结转
units 件
cells applications.carried_over.total

figure applications.total | 办结的政府信息公开申请 | applications answered
nouns 政府信息公开申请 信息公开申请 依申请公开申请 依申请公开事项 依申请公开
verbs 办结 答复 办理 处理
units 件
cells applications.total.total

figure applications.carried_forward | 结转下年度的政府信息公开申请 | applications carried forward
nouns 政府信息公开申请 信息公开申请 依申请公开申请 依申请公开事项 依申请公开
verbs 结转下年度 结转至下年度 结转到下年度 转入下年度
units 件
cells applications.carried_forward.total

figure proactive.normative_documents.produced | 本年新制作的规范性文件 | normative documents produced
nouns 行政规范性文件 规范性文件
verbs 制定 制发 出台 印发 制作
units 件 个 份
cells proactive.normative_documents.produced

figure proactive.licensing.decisions | 行政许可处理决定 | licensing decisions
nouns 行政许可决定 行政许可
verbs 作出 做出
units 件 个 项
cells proactive.licensing.decisions

figure proactive.punishment.decisions | 行政处罚处理决定 | penalty decisions
nouns 行政处罚决定 行政处罚
verbs 作出 做出
units 件 个 项 起
cells proactive.punishment.decisions

figure proactive.coercion.decisions | 行政强制处理决定 | coercion decisions
nouns 行政强制决定 行政强制
verbs 作出 做出
units 件 个 项 起
cells proactive.coercion.decisions

figure review_litigation.review | 政府信息公开行政复议 | administrative reviews
nouns 行政复议 行政复议申请
about 政府信息 信息公开 依申请公开
units 件 起 宗 次 个
cells review_litigation.review.total

figure review_litigation.litigation | 政府信息公开行政诉讼 | lawsuits
nouns 行政诉讼
about 政府信息 信息公开 依申请公开
units 件 起 宗 次 个
cells review_litigation.litigation_direct.total + review_litigation.litigation_after_review.total ; review_litigation.litigation_direct.total

# Their outcomes, in a sentence about them: "行政复议2件，其中维持1件，纠正1件；行政诉讼1件，
# 维持1件" — an outcome belongs to the one named last before it.
figure review_litigation.review.upheld | 行政复议结果维持 | reviews upheld
nouns 维持 结果维持
context 行政复议
about 政府信息 信息公开 依申请公开
units 件 起 宗 次 个
cells review_litigation.review.upheld

figure review_litigation.review.corrected | 行政复议结果纠正 | reviews corrected
nouns 纠正 结果纠正
context 行政复议
about 政府信息 信息公开 依申请公开
units 件 起 宗 次 个
cells review_litigation.review.corrected

figure review_litigation.review.pending | 行政复议尚未审结 | reviews pending
nouns 尚未审结 未审结
context 行政复议
about 政府信息 信息公开 依申请公开
units 件 起 宗 次 个
cells review_litigation.review.pending

figure review_litigation.litigation.upheld | 行政诉讼结果维持 | lawsuits upheld
nouns 维持 结果维持
context 行政诉讼
about 政府信息 信息公开 依申请公开
units 件 起 宗 次 个
cells review_litigation.litigation_direct.upheld + review_litigation.litigation_after_review.upheld

figure review_litigation.litigation.corrected | 行政诉讼结果纠正 | lawsuits corrected
nouns 纠正 结果纠正
context 行政诉讼
about 政府信息 信息公开 依申请公开
units 件 起 宗 次 个
cells review_litigation.litigation_direct.corrected + review_litigation.litigation_after_review.corrected

figure review_litigation.litigation.pending | 行政诉讼尚未审结 | lawsuits pending
nouns 尚未审结 未审结
context 行政诉讼
about 政府信息 信息公开 依申请公开
units 件 起 宗 次 个
cells review_litigation.litigation_direct.pending + review_litigation.litigation_after_review.pending
