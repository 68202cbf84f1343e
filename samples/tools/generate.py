#!/usr/bin/env python3
"""Generate the sample review cycle: dossiers, evidence files and the reviewer registry.

Writes, relative to samples/:
  dossiers/<id>.json            dossiers that `sqma validate` accepts
  dossiers-checkchar/<id>.json  two dossiers whose credit code / identity number carries a
                                wrong check character on purpose (sqma validate rejects them,
                                sqma check must ask for a supplement)
  evidence/<id>/...             the files of each dossier's evidence bundle
  reviewers.toml                the reviewer registry

Everything is fictional. The output is deterministic: running the script twice gives the
same bytes. Hand edits to the files above are lost when the script is run again; after
editing evidence text by hand, run tools/update_digests.py instead.

Usage: generate.py [--samples DIR]
"""

import argparse
import hashlib
import json
import shutil
import sys
from pathlib import Path

sys.dont_write_bytecode = True  # keep samples/tools free of __pycache__
sys.path.insert(0, str(Path(__file__).resolve().parent))
import gbcodes  # noqa: E402

CYCLE = 2025
DISTRICTS = {
    "310101": "黄浦区", "310104": "徐汇区", "310105": "长宁区", "310106": "静安区",
    "310107": "普陀区", "310109": "虹口区", "310110": "杨浦区", "310112": "闵行区",
    "310113": "宝山区", "310114": "嘉定区", "310115": "浦东新区", "310116": "金山区",
    "310117": "松江区", "310118": "青浦区", "310120": "奉贤区", "310151": "崇明区",
    "310000": "上海市", "320583": "江苏省昆山市", "320506": "江苏省苏州市吴中区",
    "330402": "浙江省嘉兴市南湖区",
}
INDUSTRY_NAMES = {
    "A01": "农业", "C13": "农副食品加工业", "C14": "食品制造业", "C18": "纺织服装、服饰业",
    "C22": "造纸和纸制品业", "C26": "化学原料和化学制品制造业", "C27": "医药制造业",
    "C29": "橡胶和塑料制品业", "C30": "非金属矿物制品业", "C33": "金属制品业",
    "C34": "通用设备制造业", "C35": "专用设备制造业", "C36": "汽车制造业",
    "C38": "电气机械和器材制造业", "C39": "计算机、通信和其他电子设备制造业",
    "C40": "仪器仪表制造业", "D44": "电力、热力生产和供应业", "D45": "燃气生产和供应业",
    "D46": "水的生产和供应业", "E48": "土木工程建筑业", "E49": "建筑安装业",
    "F52": "零售业", "G54": "道路运输业", "G58": "多式联运和运输代理业",
    "G59": "装卸搬运和仓储业", "I65": "软件和信息技术服务业", "K70": "房地产业",
    "M74": "专业技术服务业", "N77": "生态保护和环境治理业", "Q84": "卫生",
}
EDUCATION_ZH = {"secondary": "中专", "vocational": "高职", "college": "大专", "bachelor": "大学本科",
                "master": "硕士研究生", "doctorate": "博士研究生"}
KIND_ZH = {"leader": "卓越质量领导", "manager": "杰出质量经理", "craftsman": "质量工匠"}
REC_KIND_ZH = {"industry_association": "行业协会", "group_company": "集团公司",
               "district_quality_association": "区质量协会", "superior_body": "上级主管部门",
               "own_organisation": "所在单位"}
ISSUERS = {
    "HX": "上海华信认证中心有限公司",
    "SB": "上海申标认证有限公司",
    "BH": "上海滨海质量认证有限公司",
}
STANDARDS = {
    "quality": "GB/T 19001-2016/ISO 9001:2015",
    "environment": "GB/T 24001-2016/ISO 14001:2015",
    "ohs": "GB/T 45001-2020/ISO 45001:2018",
    "product": "强制性产品认证（CCC）实施规则",
}
CERT_TITLE = {"quality": "质量管理体系认证证书", "environment": "环境管理体系认证证书",
              "ohs": "职业健康安全管理体系认证证书", "product": "强制性产品认证证书"}
CERT_LETTER = {"quality": "Q", "environment": "E", "ohs": "S"}


def h(*parts) -> bytes:
    return hashlib.sha256("|".join(str(p) for p in parts).encode("utf-8")).digest()


def pick(seed: bytes, alphabet: str, n: int, offset: int = 0) -> str:
    return "".join(alphabet[seed[offset + i] % len(alphabet)] for i in range(n))


# ------------------------------------------------------------------ identifiers

def credit_code(name: str, division: str, kind: str = "91", style: str = "MA") -> str:
    """A fictional unified social credit code with a correct check character."""
    seed = h("credit", name)
    if style == "MA":  # codes issued since 2015 start their organisation code with MA
        body = "MA1" + pick(seed, "ABCDEFGHJKLMNPQRTUWXY", 1) + pick(seed, gbcodes.CREDIT_ALPHABET[:10] + "ABCDEFGHJKLMNPQRTUWXY", 4, 1)
    else:  # older numeric organisation codes
        body = str(1 + seed[0] % 8) + pick(seed, "0123456789", 7, 1)
    first17 = kind + division + body + gbcodes.org_code_check(body)
    return first17 + gbcodes.credit_check(first17)


def spoil_credit(code: str) -> str:
    return code[:17] + gbcodes.wrong_check(code[17], gbcodes.CREDIT_ALPHABET)


def id_number(name: str, area: str, birth: str, gender: str) -> str:
    seq = int.from_bytes(h("id", name)[:2], "big") % 500 * 2  # even
    seq = seq + 1 if gender == "male" else seq  # 17th digit: odd male, even female
    first17 = area + birth.replace("-", "") + f"{seq:03d}"
    return first17 + gbcodes.id_check(first17)


def spoil_id(number: str) -> str:
    return number[:17] + gbcodes.wrong_check(number[17], gbcodes.ID_CHECK)


def mobile(*key) -> str:
    seed = h("mobile", *key)
    prefix = ["139", "138", "137", "136", "135", "158", "159", "186", "188", "189", "133", "180"]
    return prefix[seed[0] % len(prefix)] + pick(seed, "0123456789", 8, 1)


def landline(*key) -> str:
    seed = h("landline", *key)
    return "021-" + "56"[seed[0] % 2] + pick(seed, "0123456789", 7, 1)


def add_days(date: str, days: int) -> str:
    import datetime
    d = datetime.date.fromisoformat(date) + datetime.timedelta(days=days)
    return d.isoformat()


def add_years(date: str, years: int) -> str:
    y, m, d = date.split("-")
    return f"{int(y) + years:04d}-{m}-{d}"


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# ------------------------------------------------------------------ units

UNITS = {}


def unit(key, name, division, address, kind="91", style="MA", **extra):
    code = credit_code(name, division, kind, style)
    UNITS[key] = dict(name=name, credit_code=code, address=address, division=division, **extra)
    return UNITS[key]


def unit_ref(key, with_address=True):
    u = UNITS[key]
    out = {"name": u["name"], "credit_code": u["credit_code"]}
    if with_address:
        out["address"] = u["address"]
    return out


# Organisation applicants (and other units that appear in the sample).
unit("O01", "上海擎宇智能装备股份有限公司", "310115", "上海市浦东新区秀浦路2388号", style="old")
unit("O02", "上海沪澄汽车零部件有限公司", "310114", "上海市嘉定区安亭镇园耀路1155号", style="old")
unit("O03", "上海闵瑞电气股份有限公司", "310112", "上海市闵行区剑川路955号", style="old")
unit("O04", "上海澄光微电子有限公司", "310115", "上海市浦东新区张东路1388号")
unit("O05", "上海宝昕金属制品有限公司", "310113", "上海市宝山区罗店镇美丹路399号", style="old")
unit("O06", "上海松衡医药股份有限公司", "310117", "上海市松江区新桥镇民强路818号", style="old")
unit("O07", "上海青禾食品有限公司", "310118", "上海市青浦区华新镇华腾路1288号", style="old")
unit("O08", "上海东湾建设工程有限公司", "310110", "上海市杨浦区军工路1076号", style="old")
unit("O09", "上海宁和医院有限公司", "310105", "上海市长宁区仙霞路1020号")
unit("O10", "上海数擎信息技术有限公司", "310104", "上海市徐汇区宜山路889号")
unit("O11", "昆山澄新电子科技有限公司", "320583", "江苏省昆山市开发区前进东路579号")
unit("O12", "上海金港化工有限公司", "310116", "上海市金山区金山卫镇卫昌路1569号", style="old")
unit("O13", "上海奉辰塑胶制品有限公司", "310120", "上海市奉贤区青村镇奉柘公路2688号")
unit("O14", "上海嘉仪电器有限公司", "310114", "上海市嘉定区马陆镇宝安公路2999号", style="old")
unit("O15", "上海沪普纺织服饰有限公司", "310107", "上海市普陀区真北路2500号", style="old")
unit("O16", "上海宝泓表面处理有限公司", "310113", "上海市宝山区杨行镇杨桃路358号", style="old")
unit("O17", "上海松钢铸造有限公司", "310117", "上海市松江区石湖荡镇东工路99号", style="old")
unit("O18", "上海奉浦玻璃制品有限公司", "310120", "上海市奉贤区奉浦大道1111号", style="old")
unit("O19", "上海虹远物流有限公司", "310109", "上海市虹口区场中路688号", style="old")
unit("O20", "上海静联物业服务有限公司", "310106", "上海市静安区共和新路3388号", style="old")
unit("O21", "上海闵联检测技术有限公司", "310112", "上海市闵行区中春路7001号")
unit("O22", "上海浦睿机电设备有限公司", "310115", "上海市浦东新区康桥东路1188号", style="old")
unit("O23", "上海青联包装材料有限公司", "310118", "上海市青浦区练塘镇章练塘路588号", style="old")
unit("O24", "上海杨帆电缆有限公司", "310110", "上海市杨浦区翔殷路128号", style="old")
unit("O25", "上海宁通电梯工程有限公司", "310105", "上海市长宁区天山西路799号", style="old")
unit("O26", "上海瀛洲生态农业发展有限公司", "310151", "上海市崇明区港西镇北闸公路1088号")
unit("O27", "上海浦汇商业管理有限公司", "310101", "上海市黄浦区西藏中路268号", style="old")
unit("O28", "上海宝润热力有限公司", "310113", "上海市宝山区月浦镇月罗路1555号", style="old")
unit("O29", "上海金枫水务有限公司", "310116", "上海市金山区枫泾镇环东一路88号", style="old")
unit("O30", "上海莘瑞仪器仪表有限公司", "310112", "上海市闵行区莘庄工业区申富路618号")
# Project lead units and partners.
unit("P01", "上海申驰新能源科技有限公司", "310114", "上海市嘉定区安亭镇墨玉南路1018号")
unit("P01a", "上海汽电智控有限公司", "310114", "上海市嘉定区嘉松北路6655号")
unit("P01b", "苏州吴越精密部件有限公司", "320506", "江苏省苏州市吴中区越溪街道吴中大道2588号")
unit("P02", "上海隧盾建设工程有限公司", "310115", "上海市浦东新区东方路3601号", style="old")
unit("P02a", "上海城衡工程监理有限公司", "310104", "上海市徐汇区漕溪北路595号", style="old")
unit("P03", "上海闵康医院有限公司", "310112", "上海市闵行区七莘路1500号")
unit("P04", "上海澄膜新材料有限公司", "310116", "上海市金山区金山工业区夏宁路818号")
unit("P05", "上海鲜达冷链物流有限公司", "310115", "上海市浦东新区芦潮港镇业盛路188号")
unit("P05a", "上海鲜丰农产品有限公司", "310120", "上海市奉贤区庄行镇南亭公路1299号")
unit("P06", "嘉兴禾欣电机有限公司", "330402", "浙江省嘉兴市南湖区亚太路906号")
unit("P06a", "上海闵申电机研究所有限公司", "310112", "上海市闵行区江川路1800号", style="old")
unit("P07", "上海汇码软件有限公司", "310104", "上海市徐汇区虹漕路461号")
unit("P08", "上海计联电气有限公司", "310117", "上海市松江区九亭镇九泾路688号", style="old")
unit("P09", "上海奉灶厨具有限公司", "310120", "上海市奉贤区南桥镇沪杭公路1588号")
unit("P10", "上海港衡装卸服务有限公司", "310115", "上海市浦东新区港建路1200号", style="old")
unit("P11", "上海浦燃燃气工程有限公司", "310115", "上海市浦东新区浦东南路3500号", style="old")
unit("P12", "上海梯安电梯工程有限公司", "310106", "上海市静安区江场西路299号")
unit("P13", "上海康渡生物制药有限公司", "310115", "上海市浦东新区蔡伦路1690号")
# Employers of individual applicants that are not organisation applicants themselves.
unit("E-puneng", "上海浦能燃气有限公司", "310115", "上海市浦东新区浦建路1080号", style="old")
unit("E-minshen", "上海闵申机械集团有限公司", "310112", "上海市闵行区莘松路1288号", style="old")
unit("E-shengang", "上海申港国际物流有限公司", "310115", "上海市浦东新区洋山港区同顺大道1000号", style="old")
unit("E-chenghuan", "上海城环环境科技有限公司", "310110", "上海市杨浦区政立路485号")
unit("E-shenhe", "上海申和商业集团有限公司", "310106", "上海市静安区南京西路1266号", style="old")
unit("E-jiamao", "上海嘉茂精密制造有限公司", "310114", "上海市嘉定区南翔镇蕰北公路1755号")
# Reviewers' employers.
unit("R-shenjiang", "上海申江大学", "310000", "上海市杨浦区国权北路1688号", kind="12", style="old")
unit("R-binhai", "上海滨海理工大学", "310000", "上海市浦东新区沪城环路999号", kind="12", style="old")
unit("R-huaxin", ISSUERS["HX"], "310104", "上海市徐汇区田林路388号", style="old")
unit("R-shenbiao", ISSUERS["SB"], "310106", "上海市静安区天目西路218号", style="old")
unit("R-zhuoheng", "上海卓衡管理咨询有限公司", "310105", "上海市长宁区延安西路1118号")
unit("R-zhiyuan", "上海致远质量技术服务有限公司", "310107", "上海市普陀区金沙江路1628号")
unit("R-shendian", "上海申电集团有限公司", "310115", "上海市浦东新区世纪大道1200号", style="old")
unit("R-jiajun", "上海嘉骏汽车集团有限公司", "310114", "上海市嘉定区曹安公路4800号", style="old")
unit("R-ruikang", "上海瑞康医疗集团有限公司", "310104", "上海市徐汇区肇嘉浜路1065号")
unit("R-huizhi", "上海汇智软件股份有限公司", "310115", "上海市浦东新区碧波路690号")
unit("R-food", "上海食品质量研究院有限公司", "310107", "上海市普陀区武宁路509号")
unit("R-shenjian", "上海申建工程咨询有限公司", "310106", "上海市静安区恒丰路600号", style="old")
unit("R-shenyao", "上海申药集团有限公司", "310104", "上海市徐汇区枫林路320号", style="old")
unit("R-biaozhun", "上海申城标准化研究院有限公司", "310104", "上海市徐汇区龙华中路596号")

# A deliberately wrong check character (kept out of samples/dossiers/, see README).
UNITS["O30"]["credit_code"] = spoil_credit(UNITS["O30"]["credit_code"])


# ------------------------------------------------------------------ organisation data

def certs_default(key, issuer, start, types=("quality", "environment", "ohs")):
    out = []
    for n, t in enumerate(types):
        seed = h("cert", key, t)
        yy = start[2:4]
        number = f"{issuer}{yy}{CERT_LETTER[t]}{pick(seed, '0123456789', 5)}R{1 + seed[6] % 3}M"
        frm = add_days(start, 7 * n)
        out.append(dict(type=t, standard=STANDARDS[t], number=number, issuer=ISSUERS[issuer],
                        valid_from=frm, valid_until=add_days(add_years(frm, 3), -1)))
    return out


def product_cert(key, start, scope):
    seed = h("ccc", key)
    number = f"20{start[2:4]}0107{pick(seed, '0123456789', 8)}"
    return dict(type="product", standard=STANDARDS["product"], number=number,
                issuer="中国质量认证中心", scope=scope, valid_from=start,
                valid_until=add_days(add_years(start, 5), -1))


SAQ = "上海市质量协会"
CAQ = "中国质量协会"

ORGS = [
    # id, industries, founded, staff, revenue (万元), products, contact (name, pinyin), domain,
    # recommendation, cases, activity, social report year, extra settings
    dict(id="O01", ind=["C34", "C35"], founded=2006, staff=1860, revenue=386000,
         products="数控机床、工业机器人集成系统", contact=("周立新", "zhoulixin"), domain="qingyu-ie",
         rec=("district_quality_association", "上海市浦东新区质量协会"),
         cases=["基于卓越绩效模式的“擎宇质量屋”管理体系", "数字化车间全流程质量追溯"],
         act=("saq", "2024年上海市QC小组成果发表交流活动", "2024-09-12"), social=2024,
         awards=[dict(name="上海市质量金奖", level="municipal", year=2024, body="上海市人民政府")],
         issuer="HX", cert_start="2024-03-18"),
    dict(id="O02", ind=["C36"], founded=2003, staff=1240, revenue=215000,
         products="汽车制动系统总成、转向节", contact=("陆佩华", "lupeihua"), domain="hucheng-auto",
         rec=("industry_association", "上海市汽车零部件行业协会"),
         cases=["IATF 16949与卓越绩效融合的过程管理", "供应商质量联合改进机制"],
         act=("caq", "全国质量信得过班组建设经验交流活动", "2024-05-20"), social=2024,
         awards=[dict(name="嘉定区区长质量奖", level="district", year=2021, body="上海市嘉定区人民政府")],
         issuer="SB", cert_start="2023-06-02", renewed_quality=True),
    dict(id="O03", ind=["C38"], founded=1998, staff=2350, revenue=472000,
         products="中低压成套开关设备、智能配电设备", contact=("沈国强", "shenguoqiang"), domain="minrui-elec",
         rec=("group_company", "上海闵瑞控股集团有限公司"),
         cases=["“零缺陷”质量文化建设", "开关柜装配过程防错体系"],
         act=("saq", "上海市质量协会质量信得过班组建设成果交流会", "2024-07-16"), social=2024,
         issuer="HX", cert_start="2023-09-11", mandatory=True, ccc="低压成套开关设备",
         incidents=[dict(date="2021-09-18", kind="fire", severity="major", responsible=True,
                         description="总装车间电缆桥架火灾，无人员伤亡；已完成整改并通过消防验收")]),
    dict(id="O04", ind=["C39"], founded=2009, staff=980, revenue=168000,
         products="功率半导体器件、电源管理芯片", contact=("韩雪梅", "hanxuemei"), domain="chengguang-micro",
         rec=("industry_association", "上海市集成电路行业协会"),
         cases=["晶圆级可靠性数据驱动的质量预警"],
         act=("saq", "上海市六西格玛项目成果交流会", "2024-11-08"), social=2024,
         issuer="BH", cert_start="2024-01-15", energy=True, energy_met=True,
         incidents=[dict(date="2024-08-12", kind="equipment", severity="major", responsible=False,
                         description="园区外部电网故障导致洁净室停机，事故责任方为供电单位"),
                    dict(date="2023-05-16", kind="quality", severity="general", responsible=True,
                         description="一批次器件外观不良引发客户投诉，已按8D闭环")]),
    dict(id="O05", ind=["C33"], founded=2001, staff=640, revenue=98000,
         products="精密冷轧钢带、金属结构件", contact=("蒋文斌", "jiangwenbin"), domain="baoxin-metal",
         rec=("district_quality_association", "上海市宝山区质量协会"),
         cases=["冷轧工序质量损失成本管控"],
         act=("saq", "上海市质量协会精益管理现场交流会", "2024-04-23"), social=2024,
         awards=[dict(name="上海市质量金奖", level="municipal", year=2021, body="上海市人民政府")],
         issuer="SB", cert_start="2023-11-20", energy=True, energy_met=True,
         credit=[dict(date="2023-02-10", kind="serious_dishonesty", authority="上海市宝山区市场监督管理局",
                      description="因合同履约纠纷被列入严重违法失信名单，已履行义务并完成信用修复",
                      removed_on="2024-04-18")]),
    dict(id="O06", ind=["C27"], founded=2005, staff=1120, revenue=256000,
         products="化学药制剂、口服固体制剂", contact=("姚慧敏", "yaohuimin"), domain="songheng-pharma",
         rec=("industry_association", "上海市医药行业协会"),
         cases=["药品全生命周期质量风险管理", "QbD理念下的工艺验证"],
         act=("caq", "全国医药行业质量管理小组成果发表赛", "2024-08-27"), social=2024,
         issuer="HX", cert_start="2023-04-10",
         credit=[dict(date="2021-08-23", kind="violation", authority="上海市松江区市场监督管理局",
                      description="产品外包装标签标识不规范，责令改正并罚款，已整改"),
                 dict(date="2020-11-05", kind="major_complaint", authority="上海市12345市民服务热线",
                      description="药品配送延误引发医疗机构集中投诉，已整改并回访")],
         extra_file=True),
    dict(id="O07", ind=["C14"], founded=2008, staff=760, revenue=132000,
         products="速冻面点、中式预制菜", contact=("钱晓燕", "qianxiaoyan"), domain="qinghe-food",
         rec=("district_quality_association", "上海市青浦区质量协会"),
         cases=["从田间到餐桌的食品安全追溯体系"],
         act=("caq", "全国QC小组活动成果发表交流", "2024-10-15"), social=2023,
         awards=[dict(name="青浦区区长质量奖", level="district", year=2023, body="上海市青浦区人民政府")],
         issuer="BH", cert_start="2023-07-03"),
    dict(id="O08", ind=["E48"], founded=1996, staff=2800, revenue=615000,
         products="市政道路、桥梁与地下综合管廊施工", contact=("邵振华", "shaozhenhua"), domain="dongwan-ce",
         rec=("group_company", "上海东湾建设集团有限公司"),
         cases=["大型市政工程质量标准化管理", "桥梁预制构件数字化质量验收"],
         act=("saq", "上海市工程建设QC小组成果发表交流会", "2024-06-18"), social=2024,
         issuer="SB", cert_start="2024-02-26"),
    dict(id="O09", ind=["Q84"], founded=2012, staff=620, revenue=48000,
         products="综合医疗服务（二级综合医院）", contact=("孔雅琴", "kongyaqin"), domain="ninghe-hospital",
         rec=("district_quality_association", "上海市长宁区质量协会"),
         cases=["以患者为中心的医疗质量持续改进"],
         act=("saq", "上海市医疗服务质量改进项目交流活动", "2024-12-05"), social=2024,
         awards=[dict(name="上海市质量金奖", level="municipal", year=2022, body="上海市人民政府")],
         issuer="HX", cert_start="2023-12-18"),
    dict(id="O10", ind=["I65"], founded=2014, staff=540, revenue=72000,
         products="工业软件、质量管理信息系统", contact=("戴明轩", "daimingxuan"), domain="shuqing-it",
         rec=("industry_association", "上海市软件行业协会"),
         cases=["敏捷开发与CMMI融合的软件质量保障"],
         act=("caq", "全国质量月数字化质量管理论坛", "2024-09-20"), social=2024,
         issuer="BH", cert_start="2024-05-06"),
    # ---- failing dossiers, one reason each
    dict(id="O11", ind=["C39"], founded=2011, staff=890, revenue=145000,
         products="印制电路板组件", contact=("龚建平", "gongjianping"), domain="chengxin-elec",
         rec=("industry_association", "上海市电子元件行业协会"),
         cases=["SMT制程不良率降低"],
         act=("saq", "上海市质量协会QC小组成果发表交流活动", "2024-09-12"), social=2024,
         issuer="SB", cert_start="2023-08-21"),
    dict(id="O12", ind=["C26"], founded=2004, staff=430, revenue=86000,
         products="水性涂料助剂、精细化学品", contact=("范志刚", "fanzhigang"), domain="jingang-chem",
         rec=("district_quality_association", "上海市金山区质量协会"),
         cases=["精细化工批次一致性控制"],
         act=("saq", "上海市质量协会质量信得过班组建设成果交流会", "2024-07-16"), social=2024,
         issuer="HX", cert_start="2023-10-09", cert_types=("quality", "environment")),
    dict(id="O13", ind=["C29"], founded=2010, staff=380, revenue=41000,
         products="汽车内饰注塑件", contact=("汤丽君", "tanglijun"), domain="fengchen-plastic",
         rec=("district_quality_association", "上海市奉贤区质量协会"),
         cases=["注塑件缩痕缺陷攻关"],
         act=("saq", "上海市QC小组成果发表交流活动", "2024-09-12"), social=2024,
         issuer="BH", cert_start="2023-05-22", expired_quality=("2022-04-30", "2025-04-29")),
    dict(id="O14", ind=["C38"], founded=2007, staff=520, revenue=63000,
         products="家用电暖器、小型厨房电器", contact=("卢海燕", "luhaiyan"), domain="jiayi-elec",
         rec=("district_quality_association", "上海市嘉定区质量协会"),
         cases=["小家电安全性能设计评审"],
         act=("saq", "上海市质量协会质量月主题活动", "2024-09-05"), social=2024,
         issuer="SB", cert_start="2024-04-01", mandatory=True),
    dict(id="O15", ind=["C18"], founded=1999, staff=450, revenue=38000,
         products="职业服装、功能性面料服饰", contact=("傅美玲", "fumeiling"), domain="hupu-textile",
         rec=("industry_association", "上海市服装行业协会"),
         cases=["职业装版型标准化"],
         act=("caq", "全国纺织行业质量信得过班组活动", "2024-06-25"), social=2024,
         issuer="HX", cert_start="2023-09-04", meets_standards=False),
    dict(id="O16", ind=["C33"], founded=2006, staff=210, revenue=19000,
         products="电镀、阳极氧化表面处理加工", contact=("邹伟", "zouwei"), domain="baohong-surface",
         rec=("district_quality_association", "上海市宝山区质量协会"),
         cases=["镀层厚度一致性改进"],
         act=("saq", "上海市QC小组成果发表交流活动", "2024-09-12"), social=2024,
         issuer="BH", cert_start="2023-03-27", waste_ok=False),
    dict(id="O17", ind=["C33"], founded=1995, staff=680, revenue=92000,
         products="球墨铸铁件、铸钢件", contact=("孟庆华", "mengqinghua"), domain="songgang-casting",
         rec=("industry_association", "上海市铸造协会"),
         cases=["铸件气孔缺陷六西格玛改进"],
         act=("saq", "上海市六西格玛项目成果交流会", "2024-11-08"), social=2024,
         issuer="SB", cert_start="2023-12-04", energy=True, energy_met=False),
    dict(id="O18", ind=["C30"], founded=2002, staff=560, revenue=74000,
         products="日用玻璃瓶罐", contact=("熊志远", "xiongzhiyuan"), domain="fengpu-glass",
         rec=("district_quality_association", "上海市奉贤区质量协会"),
         cases=["窑炉热工稳定性控制"],
         act=("saq", "上海市质量协会精益管理现场交流会", "2024-04-23"), social=2024,
         issuer="HX", cert_start="2024-01-08", energy=True, energy_met=None),
    dict(id="O19", ind=["G54", "G59"], founded=2009, staff=1300, revenue=128000,
         products="城市配送、仓储管理服务", contact=("薛丽萍", "xueliping"), domain="hongyuan-logistics",
         rec=("district_quality_association", "上海市虹口区质量协会"),
         cases=["城市配送准时率提升"],
         act=("saq", "上海市服务质量提升QC成果交流会", "2024-08-29"), social=None,
         issuer="BH", cert_start="2023-06-19"),
    dict(id="O20", ind=["K70"], founded=2000, staff=2100, revenue=56000,
         products="商务楼宇物业管理服务", contact=("侯建英", "houjianying"), domain="jinglian-pm",
         rec=("district_quality_association", "上海市静安区质量协会"),
         cases=["楼宇设施设备预防性维护"],
         act=("saq", "上海市服务质量提升QC成果交流会", "2024-08-29"), social=2022,
         issuer="SB", cert_start="2023-11-13"),
    dict(id="O21", ind=["M74"], founded=2013, staff=320, revenue=27000,
         products="电子电器产品检验检测服务", contact=("秦海波", "qinhaibo"), domain="minlian-test",
         rec=("industry_association", "上海市检验检测认证协会"),
         cases=["检测报告差错率控制"],
         activities=[dict(organiser="saq", organiser_name=SAQ, name="上海市质量协会QC小组成果发表交流活动", date="2022-11-18"),
                     dict(organiser="other", organiser_name="上海市检验检测认证协会", name="2024年度实验室能力验证活动", date="2024-06-20")],
         social=2024, issuer="HX", cert_start="2024-02-05"),
    dict(id="O22", ind=["C34"], founded=2005, staff=730, revenue=88000,
         products="工业泵阀、流体控制设备", contact=("彭建军", "pengjianjun"), domain="purui-me",
         rec=("district_quality_association", "上海市浦东新区质量协会"),
         cases=["阀门密封性能提升"],
         act=("saq", "上海市QC小组成果发表交流活动", "2024-09-12"), social=2024,
         issuer="BH", cert_start="2023-10-30",
         incidents=[dict(date="2024-03-21", kind="quality", severity="major", responsible=True,
                         description="出口批次阀体铸件批量开裂，导致客户装置停产，经鉴定负主要责任")]),
    dict(id="O23", ind=["C22"], founded=2003, staff=340, revenue=35000,
         products="瓦楞纸箱、食品包装纸盒", contact=("谭晓东", "tanxiaodong"), domain="qinglian-pack",
         rec=("district_quality_association", "上海市青浦区质量协会"),
         cases=["包装印刷色差控制"],
         act=("saq", "上海市质量协会质量月主题活动", "2024-09-05"), social=2024,
         issuer="SB", cert_start="2024-03-11",
         credit=[dict(date="2024-09-06", kind="serious_dishonesty", authority="上海市市场监督管理局",
                      description="拒不履行行政处罚决定，被列入严重违法失信名单")]),
    dict(id="O24", ind=["C38"], founded=1993, staff=610, revenue=118000,
         products="电力电缆、控制电缆", contact=("廖志明", "liaozhiming"), domain="yangfan-cable",
         rec=("industry_association", "上海市电线电缆行业协会"),
         cases=["电缆绝缘偏心度控制"],
         act=("caq", "全国质量信得过班组建设经验交流活动", "2024-05-20"), social=2024,
         issuer="HX", cert_start="2023-07-24", mandatory=True, ccc="额定电压450/750V及以下聚氯乙烯绝缘电缆",
         credit=[dict(date="2024-05-14", kind="violation", authority="上海市杨浦区应急管理局",
                      description="有限空间作业未落实安全措施，被处以罚款")]),
    dict(id="O25", ind=["E49"], founded=2008, staff=470, revenue=45000,
         products="电梯安装、改造与维保服务", contact=("韦晓峰", "weixiaofeng"), domain="ningtong-lift",
         rec=("district_quality_association", "上海市长宁区质量协会"),
         cases=["电梯维保响应时间压缩"],
         act=("saq", "上海市服务质量提升QC成果交流会", "2024-08-29"), social=2024,
         issuer="BH", cert_start="2023-09-25",
         credit=[dict(date="2023-10-09", kind="major_complaint", authority="上海市长宁区市场监督管理局",
                      description="住宅小区电梯频繁困人，引发业主群体投诉")]),
    dict(id="O26", ind=["A01", "C13"], founded=2011, staff=260, revenue=23000,
         products="有机稻米、崇明特色蔬菜", contact=("施卫东", "shiweidong"), domain="yingzhou-agri",
         rec=("own_organisation", "上海瀛洲生态农业发展有限公司"),
         cases=["绿色农产品标准化种植"],
         act=("saq", "上海市质量协会质量月主题活动", "2024-09-05"), social=2024,
         issuer="SB", cert_start="2024-06-17"),
    dict(id="O27", ind=["F52"], founded=2004, staff=900, revenue=67000,
         products="购物中心运营、零售管理", contact=("顾佳怡", "gujiayi"), domain="puhui-retail",
         rec=("district_quality_association", "上海市黄浦区质量协会"),
         cases=["商场顾客满意度测评与改进"],
         act=("saq", "上海市服务质量提升QC成果交流会", "2024-08-29"), social=2024,
         issuer="HX", cert_start="2023-08-07", omit_file="04-最佳实践案例.md"),
    dict(id="O28", ind=["D44"], founded=2002, staff=380, revenue=96000,
         products="区域集中供热、热电联产", contact=("金永康", "jinyongkang"), domain="baorun-heat",
         rec=("district_quality_association", "上海市宝山区质量协会"),
         cases=["供热管网热损失控制"],
         act=("saq", "上海市六西格玛项目成果交流会", "2024-11-08"), social=2024,
         issuer="BH", cert_start="2024-02-19", energy=True, energy_met=True,
         omit_type="best_practice_cases"),
    dict(id="O29", ind=["D46"], founded=2006, staff=520, revenue=58000,
         products="自来水生产与供应", contact=("毛丽华", "maolihua"), domain="jinfeng-water",
         rec=("district_quality_association", "上海市金山区质量协会"),
         cases=["供水水质在线监测与预警"],
         act=("saq", "上海市质量协会质量信得过班组建设成果交流会", "2024-07-16"), social=2024,
         issuer="SB", cert_start="2023-04-24", no_bundle=True),
    dict(id="O30", ind=["C40"], founded=2009, staff=290, revenue=31000,
         products="压力变送器、电磁流量计", contact=("贺文杰", "hewenjie"), domain="xinrui-instr",
         rec=("district_quality_association", "上海市闵行区质量协会"),
         cases=["变送器零点漂移改进"],
         act=("saq", "上海市QC小组成果发表交流活动", "2024-09-12"), social=2024,
         issuer="HX", cert_start="2023-12-11", checkchar=True),
]

PROJECTS = [
    dict(id="P01", name="新能源汽车电驱系统零缺陷质量提升项目", ind=["C36", "C38"], partners=["P01a", "P01b"],
         start="2022-03-01", end="2024-12-31", methods=["六西格玛", "FMEA", "SPC统计过程控制"],
         summary="以电驱总成“零缺陷”为目标，联合两家合作单位打通设计、制造与供应链的质量数据，电驱总成一次下线合格率由97.2%提升至99.6%。",
         contact=("曹志宏", "caozhihong"), domain="shenchi-ev",
         rec=("industry_association", "上海市汽车零部件行业协会"), issuer="HX", cert_start="2023-05-08"),
    dict(id="P02", name="盾构隧道管片拼装质量精益管控项目", ind=["E48"], partners=["P02a"],
         start="2021-10-01", end="2024-06-30", methods=["QC小组活动", "精益建造", "BIM质量管理"],
         summary="在地铁区间盾构施工中建立管片拼装质量精益管控体系，管片错台超标率下降82%，实现隧道渗漏零投诉。",
         contact=("任佳明", "renjiaming"), domain="suidun-ce",
         rec=("group_company", "上海隧盾控股集团有限公司"), issuer="SB", cert_start="2024-01-22"),
    dict(id="P03", name="门诊全流程智慧服务质量改进项目", ind=["Q84"], partners=[],
         start="2023-01-01", end="2024-12-31", methods=["PDCA循环", "精益医疗", "患者体验测评"],
         summary="重构预约、就诊、检查、缴费全流程，门诊患者平均等候时间由48分钟缩短至21分钟，患者满意度提升至96.3%。",
         contact=("钟慧", "zhonghui"), domain="minkang-hospital",
         rec=("district_quality_association", "上海市闵行区质量协会"), issuer="BH", cert_start="2023-10-16"),
    dict(id="P04", name="锂电池隔膜涂覆良率提升项目", ind=["C29"], partners=[],
         start="2023-04-01", end="2025-03-31", methods=["六西格玛DMAIC", "实验设计DOE", "MSA测量系统分析"],
         summary="针对涂覆隔膜厚度波动与针孔缺陷开展六西格玛攻关，涂覆良率由91.5%提升至97.8%，年节约成本约2300万元。",
         contact=("陶永刚", "taoyonggang"), domain="chengmo-material",
         rec=("industry_association", "上海市新材料协会"), issuer="HX", cert_start="2024-04-15",
         energy=True, energy_met=True),
    dict(id="P05", name="冷链物流全程温控质量保障项目", ind=["G59"], partners=["P05a"],
         start="2022-07-01", end="2024-10-31", methods=["物联网温度监控", "HACCP", "质量功能展开QFD"],
         summary="建立覆盖产地预冷、干线运输、仓储和城市配送的全程温控体系，生鲜货损率由3.1%降至0.9%。",
         contact=("江海鹰", "jianghaiying"), domain="xianda-coldchain",
         rec=("district_quality_association", "上海市浦东新区质量协会"), issuer="SB", cert_start="2023-08-14"),
    # ---- failing
    dict(id="P06", name="高效节能电机出口质量提升项目", ind=["C38"], partners=["P06a"],
         start="2022-05-01", end="2024-12-31", methods=["可靠性试验", "田口方法"],
         summary="针对出口高效电机的噪声与温升问题开展联合攻关，出口退货率下降65%。",
         contact=("沈家豪", "shenjiahao"), domain="hexin-motor",
         rec=("industry_association", "长三角电机产业联盟"), issuer="BH", cert_start="2023-06-26"),
    dict(id="P07", name="软件交付质量度量体系建设项目", ind=["I65"], partners=[],
         start="2023-03-01", end="2024-12-31", methods=["GQM度量", "DevOps质量门禁"],
         summary="建立覆盖需求、编码、测试和运维的软件质量度量体系，线上缺陷密度下降58%。",
         contact=("白晓宇", "baixiaoyu"), domain="huima-soft",
         rec=("industry_association", "上海市软件行业协会"), issuer="HX", cert_start="2024-03-04",
         cert_types=("quality", "ohs")),
    dict(id="P08", name="智能电能表全生命周期质量追溯项目", ind=["C40"], partners=[],
         start="2022-09-01", end="2024-08-31", methods=["质量追溯", "可靠性增长试验"],
         summary="建立电能表从元器件入厂到现场运行的质量追溯链，现场故障率由0.42%降至0.15%。",
         contact=("邱丽", "qiuli"), domain="jilian-elec",
         rec=("district_quality_association", "上海市松江区质量协会"), issuer="SB", cert_start="2023-02-13",
         expired_ohs=("2022-01-11", "2025-01-10")),
    dict(id="P09", name="家用燃气灶具安全性能提升项目", ind=["C38"], partners=[],
         start="2023-02-01", end="2024-11-30", methods=["FMEA", "QC小组活动"],
         summary="针对熄火保护装置响应时间开展攻关，灶具熄火保护合格率提升至100%。",
         contact=("阎志勇", "yanzhiyong"), domain="fengzao-kitchen",
         rec=("district_quality_association", "上海市奉贤区质量协会"), issuer="BH", cert_start="2023-09-18",
         mandatory=True),
    dict(id="P10", name="集装箱码头装卸作业质量提升项目", ind=["G59"], partners=[],
         start="2022-01-01", end="2024-12-31", methods=["精益管理", "标准作业程序SOP"],
         summary="推行装卸作业标准化与远程操控，集装箱残损率下降40%。",
         contact=("常建新", "changjianxin"), domain="ganghe-port",
         rec=("group_company", "上海港衡物流集团有限公司"), issuer="HX", cert_start="2023-11-27",
         incidents=[dict(date="2023-11-07", kind="casualty", severity="major", responsible=True,
                         description="门机吊装作业发生人员伤亡事故，经调查认定为生产安全责任事故")]),
    dict(id="P11", name="城市燃气管网巡检质量提升项目", ind=["D45"], partners=[],
         start="2022-06-01", end="2024-12-31", methods=["风险分级管控", "QC小组活动"],
         summary="应用智能巡检与泄漏监测技术，管网隐患发现率提升35%。",
         contact=("武海军", "wuhaijun"), domain="puran-gas",
         rec=("industry_association", "上海市燃气行业协会"), issuer="SB", cert_start="2024-05-20",
         credit=[dict(date="2024-02-27", kind="violation", authority="上海市浦东新区应急管理局",
                      description="施工现场动火作业未履行审批手续，被处以罚款")]),
    dict(id="P12", name="电梯维保物联网质量管控项目", ind=["E49"], partners=[],
         start="2023-01-01", end="2024-12-31", methods=["物联网监测", "预测性维护"],
         summary="为在保电梯加装物联网监测终端，困人故障率下降52%。",
         contact=("段晓华", "duanxiaohua"), domain="tian-lift",
         rec=("own_organisation", "上海梯安电梯工程有限公司"), issuer="BH", cert_start="2024-02-26"),
    dict(id="P13", name="生物药无菌灌装偏差降低项目", ind=["C27"], partners=[],
         start="2023-03-01", end="2024-09-30", methods=["六西格玛DMAIC", "质量风险管理QRM"],
         summary="针对无菌灌装线偏差开展根因分析与工艺改进，年度偏差数下降61%。",
         contact=("雷敏", "leimin"), domain="kangdu-bio",
         rec=("industry_association", "上海市生物医药行业协会"), issuer="HX", cert_start="2023-07-10",
         omit_type="project_report"),
]

# Individuals: employer key, person data, recommendations, activities; leaders also awards and
# performance (revenue and profit in 万元).
PERSONS = [
    dict(id="L01", kind="leader", name="陈志鹏", pinyin="chenzhipeng", gender="male", birth="1968-04-12", area="310115",
         position="董事长", education="master", years=12, employer="O01", domain="qingyu-ie", ind=["C34"], since="2013-01-01",
         recs=[("own_organisation", None), ("industry_association", "上海市智能制造产业协会")],
         acts=[("saq", "2024年上海市质量月活动启动大会", "2024-09-03")],
         awards=[dict(name="上海市质量金奖", level="municipal", year=2024, body="上海市人民政府")],
         perf=[(2022, 312000, 28600), (2023, 348000, 31200), (2024, 386000, 35800)]),
    dict(id="L02", kind="leader", name="杨慧琳", pinyin="yanghuilin", gender="female", birth="1971-09-23", area="310104",
         position="总经理", education="doctorate", years=9, employer="E-puneng", domain="puneng-gas", ind=["D45"], since="2016-03-01",
         recs=[("own_organisation", None), ("group_company", "上海浦能集团有限公司")],
         acts=[("caq", "全国“质量月”企业质量诚信倡议活动", "2024-09-10")],
         awards=[dict(name="全球卓越绩效奖（世界级）", level="international", year=2023, body="亚太质量组织")],
         perf=[(2022, 1825000, 64200), (2023, 1903000, 70500), (2024, 1968000, 75100)]),
    dict(id="L03", kind="leader", name="孙建华", pinyin="sunjianhua", gender="male", birth="1965-02-08", area="310105",
         position="院长", education="doctorate", years=11, employer="O09", domain="ninghe-hospital", ind=["Q84"], since="2014-07-01",
         recs=[("own_organisation", None), ("industry_association", "上海市社会医疗机构协会")],
         acts=[("saq", "上海市医疗服务质量改进项目交流活动", "2024-12-05")],
         awards=[dict(name="上海市质量金奖", level="municipal", year=2022, body="上海市人民政府")],
         perf=[(2022, 41000, 2100), (2023, 45200, 2650), (2024, 48000, 3020)]),
    dict(id="L04", kind="leader", name="刘国栋", pinyin="liuguodong", gender="male", birth="1963-11-30", area="310112",
         position="总裁", education="master", years=15, employer="E-minshen", domain="minshen-group", ind=["C34"], since="2010-05-01",
         recs=[("own_organisation", None), ("industry_association", "上海市机械工业协会")],
         acts=[("saq", "上海市卓越绩效管理论坛", "2024-11-21")],
         awards=[dict(name="全国质量奖", level="national", year=2018, body="中国质量协会"),
                 dict(name="闵行区区长质量奖", level="district", year=2023, body="上海市闵行区人民政府")],
         perf=[(2022, 528000, 31800), (2023, 556000, 33500), (2024, 571000, 34100)]),
    dict(id="L05", kind="leader", name="黄丽娟", pinyin="huanglijuan", gender="female", birth="1970-06-18", area="310109",
         position="总经理", education="master", years=7, employer="E-shengang", domain="shengang-logistics", ind=["G58"], since="2018-02-01",
         recs=[("own_organisation", None), ("industry_association", "上海市国际货运代理行业协会")],
         acts=[("saq", "上海市服务质量提升QC成果交流会", "2024-08-29")],
         awards=[dict(name="上海市质量金奖", level="municipal", year=2023, body="上海市人民政府")],
         perf=[(2023, 263000, 18900), (2024, 281000, 20400)]),
    dict(id="L06", kind="leader", name="吴振宇", pinyin="wuzhenyu", gender="male", birth="1966-07-07", area="310113",
         position="董事长", education="bachelor", years=14, employer="O05", domain="baoxin-metal", ind=["C33"], since="2011-01-01",
         recs=[("own_organisation", None), ("district_quality_association", "上海市宝山区质量协会"),
               ("industry_association", "上海市金属结构行业协会")],
         acts=[("saq", "上海市质量协会质量管理小组成果发表会", "2021-11-20"),
               ("other", "宝山区质量提升现场会", "2022-03-15")],
         awards=[dict(name="上海市质量金奖", level="municipal", year=2021, body="上海市人民政府")],
         perf=[(2022, 91000, 5200), (2023, 94500, 5600), (2024, 98000, 6100)]),
    dict(id="L07", kind="leader", name="郑海涛", pinyin="zhenghaitao", gender="male", birth="1969-03-25", area="310110",
         position="总经理", education="master", years=10, employer="E-chenghuan", domain="chenghuan-env", ind=["N77"], since="2015-04-01",
         recs=[("own_organisation", None)],
         acts=[("caq", "全国质量标杆经验交流会", "2023-10-26")],
         awards=[dict(name="全国质量标杆", level="national", year=2022, body="中国质量协会")],
         perf=[(2022, 68000, 4300), (2023, 72500, 4800), (2024, 77000, 5200)]),
    dict(id="L08", kind="leader", name="许文静", pinyin="xuwenjing", gender="female", birth="1972-12-03", area="310106",
         position="党委书记、董事长", education="master", years=8, employer="E-shenhe", domain="shenhe-group", ind=["F52"], since="2017-06-01",
         recs=[("superior_body", "上海市静安区国有资产监督管理委员会"), ("industry_association", "上海市商业联合会")],
         acts=[("saq", "上海市服务质量提升QC成果交流会", "2024-08-29")],
         awards=[dict(name="上海市质量金奖", level="municipal", year=2022, body="上海市人民政府")],
         perf=[(2022, 436000, 21800), (2023, 462000, 24100), (2024, 471000, 25300)]),
    dict(id="L09", kind="leader", name="马骏", pinyin="majun", gender="male", birth="1974-08-15", area="310114",
         position="总经理", education="master", years=9, employer="E-jiamao", domain="jiamao-precision", ind=["C34"], since="2016-01-01",
         recs=[("own_organisation", None), ("district_quality_association", "上海市嘉定区质量协会"),
               ("industry_association", "上海市机械工业协会")],
         acts=[("saq", "上海市卓越绩效管理论坛", "2024-11-21")],
         awards=[dict(name="上海市质量金奖", level="municipal", year=2023, body="上海市人民政府")],
         perf=[(2022, 83000, 6100), (2023, 88500, 6900), (2024, 95000, 7600)], checkchar=True),
    dict(id="M01", kind="manager", name="邱明华", pinyin="qiuminghua", gender="male", birth="1979-05-16", area="310112",
         position="质量总监", education="master", years=8, employer="O03", domain="minrui-elec", ind=["C38"],
         recs=[("own_organisation", None)],
         acts=[("saq", "上海市质量协会质量信得过班组建设成果交流会", "2024-07-16")]),
    dict(id="M02", kind="manager", name="林佳慧", pinyin="linjiahui", gender="female", birth="1983-10-09", area="310104",
         position="质量管理部经理", education="master", years=6, employer="O04", domain="chengguang-micro", ind=["C39"],
         recs=[("industry_association", "上海市集成电路行业协会")],
         acts=[("saq", "上海市六西格玛项目成果交流会", "2024-11-08")]),
    dict(id="M03", kind="manager", name="何志强", pinyin="hezhiqiang", gender="male", birth="1976-01-27", area="310107",
         position="分管质量副总经理", education="bachelor", years=10, employer="O08", domain="dongwan-ce", ind=["E48"],
         recs=[("own_organisation", None), ("group_company", "上海东湾建设集团有限公司")], acts=[]),
    dict(id="M04", kind="manager", name="朱丽萍", pinyin="zhuliping", gender="female", birth="1980-07-30", area="310110",
         position="质量部部长", education="bachelor", years=7, employer="O24", domain="yangfan-cable", ind=["C38"],
         recs=[("group_company", "上海杨帆控股集团有限公司")], acts=[]),
    dict(id="M05", kind="manager", name="任伟东", pinyin="renweidong", gender="male", birth="1981-03-14", area="310117",
         position="质量受权人、质量经理", education="master", years=9, employer="O06", domain="songheng-pharma", ind=["C27"],
         recs=[("own_organisation", None)], acts=[], omit_type="deeds"),
    dict(id="C01", kind="craftsman", name="石国华", pinyin="shiguohua", gender="male", birth="1975-09-09", area="310115",
         position="盾构机主司机、高级技师", education="vocational", years=18, employer="P02", domain="suidun-ce", ind=["E48"],
         recs=[("own_organisation", None)], acts=[]),
    dict(id="C02", kind="craftsman", name="唐美娟", pinyin="tangmeijuan", gender="female", birth="1982-04-21", area="310114",
         position="数控车工、高级技师", education="vocational", years=15, employer="O01", domain="qingyu-ie", ind=["C34"],
         recs=[("own_organisation", None), ("industry_association", "上海市机械工业协会")], acts=[]),
    dict(id="C03", kind="craftsman", name="黎志诚", pinyin="lizhicheng", gender="male", birth="1978-12-12", area="310113",
         position="焊接技师", education="secondary", years=20, employer="O05", domain="baoxin-metal", ind=["C33"],
         recs=[("industry_association", "上海市焊接协会")], acts=[]),
    dict(id="C04", kind="craftsman", name="龙海英", pinyin="longhaiying", gender="female", birth="1986-02-14", area="310115",
         position="燃气管网检修技师", education="college", years=11, employer="E-puneng", domain="puneng-gas", ind=["D45"],
         recs=[("superior_body", "上海市浦东新区国有资产监督管理委员会")], acts=[]),
    dict(id="C05", kind="craftsman", name="严志刚", pinyin="yanzhigang", gender="male", birth="1984-06-06", area="310120",
         position="注塑工艺技师", education="college", years=12, employer="O13", domain="fengchen-plastic", ind=["C29"],
         recs=[("own_organisation", None)], acts=[], digest_mismatch="03-推荐意见.md"),
]


# ------------------------------------------------------------------ evidence texts

def md(title, *lines):
    return "# " + title + "\n\n" + "\n".join(lines) + "\n"


def slug(title):
    """A file name part: no spaces or quotation marks."""
    return "".join(c for c in title if c not in " “”\"'/\\")


def units_line(d):
    return "、".join(INDUSTRY_NAMES[c] + f"（{c}）" for c in d)


def org_files(o, dossier):
    u = UNITS[o["id"]]
    name, code = u["name"], u["credit_code"]
    contact = dossier["applicant"]["contact"]
    rec = dossier["recommendations"][0]
    files = []  # (type, title, path, text)
    files.append(("registration_form", "报名表", "01-报名表.md", md(
        "2025年上海市质量管理奖（组织奖）报名表",
        f"- 申报单位：{name}",
        f"- 统一社会信用代码：{code}",
        f"- 注册地址：{u['address']}",
        f"- 所属行业：{units_line(o['ind'])}",
        f"- 联系人：{contact['name']}，电话 {contact['phone']}，邮箱 {contact['email']}",
        f"- 推荐单位：{rec['body']}",
        f"- 报名日期：{add_days(rec['date'], -20)}")))
    files.append(("application_form", "申报表", "02-申报表.md", md(
        "上海市质量管理奖（组织奖）申报表",
        f"申报单位：{name}",
        "",
        "| 项目 | 内容 |",
        "|---|---|",
        f"| 成立时间 | {o['founded']}年 |",
        f"| 从业人员 | {o['staff']}人 |",
        f"| 2024年营业收入 | {o['revenue']}万元 |",
        f"| 主要产品/服务 | {o['products']} |",
        f"| 管理体系认证 | {'、'.join(sorted({CERT_TITLE[c['type']] for c in dossier['certificates']}))} |",
        "",
        "本单位承诺所填内容及所附材料真实、准确。")))
    seed = h("score", o["id"])
    scores = [(n, p, int(p * (0.55 + seed[i] % 20 / 100))) for i, (n, p) in enumerate(
        [("领导", 110), ("战略", 90), ("顾客与市场", 90), ("资源", 130), ("过程管理", 100),
         ("测量、分析与改进", 80), ("结果", 400)])]
    files.append(("self_assessment", "自评报告", "03-自评报告.md", md(
        f"{name}自评报告",
        "依据GB/T 19580-2012《卓越绩效评价准则》开展自我评价，各类目自评得分如下：",
        "",
        "| 类目 | 满分 | 自评得分 |",
        "|---|---|---|",
        *[f"| {n} | {p} | {s} |" for n, p, s in scores],
        f"| 合计 | 1000 | {sum(s for _, _, s in scores)} |",
        "",
        "主要优势：高层领导重视质量战略；主要改进机会：过程绩效指标与行业标杆的对比分析。")))
    cases = o["cases"]
    if len(cases) == 1:
        files.append(("best_practice_cases", "最佳实践案例", "04-最佳实践案例.md", md(
            "最佳实践案例：" + cases[0],
            f"{name}围绕{cases[0]}开展系统改进，形成可复制、可推广的做法。",
            "- 背景：顾客需求与行业标准持续提升，原有做法难以满足要求。",
            "- 做法：运用PDCA循环，建立目标—过程—结果联动的管控机制。",
            "- 成效：关键质量指标连续三年改善，顾客满意度稳步提升。")))
    else:
        for n, case in zip(("一", "二", "三"), cases):
            files.append(("best_practice_cases", f"最佳实践案例{n}", f"04-最佳实践案例/案例{n}-{slug(case)}.md", md(
                f"最佳实践案例{n}：{case}",
                f"{name}在{case}方面的做法与成效。",
                "- 做法：明确职责、固化流程、数据驱动改进。",
                "- 成效：关键指标连续改善，形成企业标准并在集团内推广。")))
    ev = "05-证实性材料/"
    n = 1

    def add(type_, title, stem, text):
        nonlocal n
        files.append((type_, title, f"{ev}{n:02d}-{stem}.md", text))
        n += 1

    add("evidence", "营业执照（副本）", "营业执照", md(
        "营业执照（副本）复印件说明",
        f"- 名称：{name}",
        f"- 统一社会信用代码：{code}",
        f"- 住所：{u['address']}",
        f"- 成立日期：{o['founded']}年"))
    for c in dossier["certificates"]:
        stem = CERT_TITLE[c["type"]]
        if c["valid_until"] < "2025-06-30":
            stem += f"（{c['valid_until'][:4]}年到期）"
        elif any(x["type"] == c["type"] and x is not c for x in dossier["certificates"]):
            stem += "（换证后）"
        add("certificate_copy", CERT_TITLE[c["type"]], stem, md(
            CERT_TITLE[c["type"]] + "（复印件）",
            f"- 证书编号：{c['number']}",
            f"- 获证组织：{name}",
            f"- 依据标准：{c['standard']}",
            *([f"- 认证范围：{c['scope']}"] if "scope" in c else []),
            f"- 有效期：{c['valid_from']} 至 {c['valid_until']}",
            f"- 发证机构：{c['issuer']}"))
    if "social_report" in dossier:
        y = dossier["social_report"]["year"]
        add("social_report", f"{y}年度社会责任报告", f"社会责任报告-{y}年度", md(
            f"{name}{y}年度社会责任报告（摘要）",
            f"- 发布渠道：{dossier['social_report']['published_at']}",
            "- 内容：公司治理、质量与安全、员工权益、节能环保、社区公益。"))
    for a in dossier["activities"]:
        add("evidence", "质量活动参与证明", f"质量活动参与证明-{a['date'][:4]}", md(
            "质量活动参与证明",
            f"兹证明{name}于{a['date']}参加“{a['name']}”。",
            f"主办单位：{a.get('organiser_name', '')}"))
    for a in dossier.get("awards", []):
        add("evidence", a["name"] + "证书", f"获奖证书-{a['name']}", md(
            "获奖证书（复印件）",
            f"{name}荣获{a['year']}年度{a['name']}。",
            f"颁发单位：{a['body']}"))
    if dossier.get("incidents"):
        add("evidence", "安全质量事故情况说明", "事故情况说明", md(
            "近年安全质量事故情况说明",
            *[f"- {i['date']}：{i['description']}" for i in dossier["incidents"]]))
    if dossier.get("credit_records"):
        add("evidence", "信用记录情况说明", "信用记录情况说明", md(
            "信用记录情况说明",
            *[f"- {r['date']}（{r.get('authority', '')}）：{r['description']}"
              + (f"；已于{r['removed_on']}移出" if "removed_on" in r else "") for r in dossier["credit_records"]]))
    add("recommendation_letter", "推荐函", "推荐函", md(
        "推荐函",
        "上海市质量管理奖工作办公室：",
        f"兹推荐{name}申报2025年上海市质量管理奖（组织奖）。该单位长期推行卓越绩效模式，质量管理成效显著。",
        f"推荐单位：{rec['body']}",
        f"日期：{rec['date']}"))
    return files


def project_files(p, dossier):
    u = UNITS[p["id"]]
    rec = dossier["recommendations"][0]
    contact = dossier["applicant"]["contact"]
    files = []
    files.append(("registration_form", "报名表", "01-报名表.md", md(
        "2025年上海市质量管理奖（项目奖）报名表",
        f"- 项目名称：{p['name']}",
        f"- 主体完成单位：{u['name']}（{u['credit_code']}）",
        *([f"- 合作单位：{'、'.join(UNITS[k]['name'] for k in p['partners'])}"] if p["partners"] else []),
        f"- 联系人：{contact['name']}，电话 {contact['phone']}，邮箱 {contact['email']}",
        f"- 报名日期：{add_days(rec['date'], -15)}")))
    files.append(("application_form", "申报表", "02-申报表.md", md(
        "上海市质量管理奖（项目奖）申报表",
        f"- 项目名称：{p['name']}",
        f"- 实施周期：{p['start']} 至 {p['end']}",
        f"- 应用方法：{'、'.join(p['methods'])}",
        f"- 项目简介：{p['summary']}")))
    if p.get("omit_type") != "project_report":
        files.append(("project_report", "项目报告", "03-项目报告.md", md(
            p["name"] + "报告",
            "## 一、质量提升", "", p["summary"], "",
            "## 二、创新应用", "", f"综合运用{'、'.join(p['methods'])}等方法，形成项目特色做法。", "",
            "## 三、文化理念", "", "坚持“第一次就把事情做对”，全员参与改进。", "",
            "## 四、成果绩效", "", "项目成果经第三方验证，具有可复制、可推广价值。")))
    ev = "04-证实性材料/"
    n = 1

    def add(type_, title, stem, text):
        nonlocal n
        files.append((type_, title, f"{ev}{n:02d}-{stem}.md", text))
        n += 1

    add("evidence", "主体完成单位营业执照", "营业执照", md(
        "营业执照（副本）复印件说明",
        f"- 名称：{u['name']}", f"- 统一社会信用代码：{u['credit_code']}", f"- 住所：{u['address']}"))
    for c in dossier["certificates"]:
        stem = CERT_TITLE[c["type"]] + (f"（{c['valid_until'][:4]}年到期）" if c["valid_until"] < "2025-06-30" else "")
        add("certificate_copy", CERT_TITLE[c["type"]], stem, md(
            CERT_TITLE[c["type"]] + "（复印件）",
            f"- 证书编号：{c['number']}", f"- 获证组织：{u['name']}",
            f"- 有效期：{c['valid_from']} 至 {c['valid_until']}", f"- 发证机构：{c['issuer']}"))
    if p["partners"]:
        add("evidence", "合作协议", "合作单位协议", md(
            "项目合作协议（摘要）",
            f"甲方：{u['name']}",
            *[f"合作方：{UNITS[k]['name']}（{UNITS[k]['credit_code']}）" for k in p["partners"]],
            f"合作期限：{p['start']} 至 {p['end']}"))
    add("evidence", "项目成效证明", "项目成效证明", md(
        "项目成效证明", p["summary"], "证明单位：项目主要顾客及第三方检测机构"))
    if dossier.get("incidents"):
        add("evidence", "安全质量事故情况说明", "事故情况说明", md(
            "近年安全质量事故情况说明", *[f"- {i['date']}：{i['description']}" for i in dossier["incidents"]]))
    if dossier.get("credit_records"):
        add("evidence", "信用记录情况说明", "信用记录情况说明", md(
            "信用记录情况说明", *[f"- {r['date']}（{r.get('authority', '')}）：{r['description']}" for r in dossier["credit_records"]]))
    files.append(("recommendation_letter", "推荐函", "05-推荐函.md", md(
        "推荐函",
        f"兹推荐“{p['name']}”申报2025年上海市质量管理奖（项目奖）。",
        f"推荐单位：{rec['body']}", f"日期：{rec['date']}")))
    return files


def person_files(q, dossier):
    person = dossier["applicant"]["person"]
    employer = dossier["applicant"]["organisation"]["name"]
    kind = KIND_ZH[q["kind"]]
    files = []
    files.append(("application_form", "申报表", "01-申报表.md", md(
        f"2025年上海市质量管理奖（个人奖·{kind}）申报表",
        f"- 姓名：{person['name']}", f"- 性别：{'男' if person['gender'] == 'male' else '女'}",
        f"- 身份证号：{person['id_number']}", f"- 工作单位：{employer}",
        f"- 职务：{person['position']}", f"- 学历：{EDUCATION_ZH[person['education']]}",
        f"- 现岗位年限：{person['years_in_post']}年",
        f"- 联系电话：{person['phone']}", f"- 电子邮箱：{person['email']}")))
    if q.get("omit_type") != "deeds":
        files.append(("deeds", "事迹材料", "02-事迹材料.md", md(
            f"{person['name']}同志事迹材料",
            f"{person['name']}同志现任{employer}{person['position']}，{DEEDS[q['kind']]}",
            "- 近三年主要业绩：主导或参与质量改进项目，成效经第三方评价确认。",
            "- 示范带动：培养骨干，推广先进质量方法。")))
    recs = dossier["recommendations"]
    for i, r in enumerate(recs):
        path = "03-推荐意见.md" if len(recs) == 1 else f"03-推荐意见/{i + 1:02d}-{REC_KIND_ZH[r['kind']]}推荐意见.md"
        files.append(("recommendation_letter", f"{REC_KIND_ZH[r['kind']]}推荐意见", path, md(
            "推荐意见",
            f"同意推荐{person['name']}同志申报2025年上海市质量管理奖（个人奖·{kind}）。",
            f"推荐单位（盖章）：{r['body']}", f"日期：{r['date']}")))
    ev = "04-证实性材料/"
    files.append(("evidence", "学历学位证书", ev + "01-学历学位证书.md", md(
        "学历学位证书（复印件）说明", f"{person['name']}，{EDUCATION_ZH[person['education']]}学历。")))
    files.append(("evidence", "荣誉证书", ev + "02-荣誉证书.md", md(
        "荣誉证书（复印件）", f"{person['name']}同志获评{employer}年度质量先进个人。")))
    if q["kind"] == "leader":
        lead = dossier["leader"]
        files.append(("evidence", "组织获奖证书", ev + "03-组织获奖证书.md", md(
            "组织获奖情况", *[f"- {a['year']}年 {a['name']}（{a.get('body', '')}）" for a in lead["awards"]])))
        files.append(("evidence", "经营绩效数据", ev + "04-经营绩效数据.md", md(
            "近三年经营绩效（万元）", "| 年度 | 营业收入 | 利润总额 |", "|---|---|---|",
            *[f"| {x['year']} | {x['revenue']} | {x['profit']} |" for x in lead["performance"]])))
    return files


DEEDS = {
    "leader": "作为组织高层领导，主导推行卓越绩效模式，建立健全质量、环境和职业健康安全管理体系，带领组织获得多项质量荣誉。",
    "manager": "长期从事质量管理工作，推动先进质量方法在组织和行业内应用，取得显著经济效益和社会效益。",
    "craftsman": "扎根生产一线，精益求精，运用先进质量技术方法攻克多项技术难题，积极开展技能传承。",
}

# ------------------------------------------------------------------ declarations

DECLARATIONS = {
    "organisation": [("A1-3(2)", "产品和服务符合相关标准要求，“三废”处理符合要求"),
                     ("A1-3(3)", "积极履行社会责任")],
    "project": [("A2-2(3)", "项目推行卓越绩效等先进质量管理模式、工具和方法，成效显著")],
    "leader": [("A3-3", "遵纪守法，在本单位和行业内具有良好的社会形象和影响力"),
               ("A3-4(1)", "推动全面质量管理，建立健全质量管理体系"),
               ("A3-4(2)", "推行卓越绩效、六西格玛、精益管理、QC小组等先进质量管理方法"),
               ("A3-4(3)", "培育质量文化，建设质量人才队伍")],
    "manager": [("A3-3", "遵纪守法，在本单位和行业内具有良好的社会形象和影响力"),
                ("A3-5(1)", "在质量管理研究、教学或实践方面作出贡献"),
                ("A3-5(2)", "近三年推广应用先进质量管理方法，效益显著"),
                ("A3-5(3)", "具有创新性的质量管理实践")],
    "craftsman": [("A3-3", "遵纪守法，在本单位和行业内具有良好的社会形象和影响力"),
                  ("A3-6(1)", "精益求精的工匠精神，技艺传承"),
                  ("A3-6(2)", "运用先进方法解决质量难题"),
                  ("A3-6(3)", "取得创新成果"),
                  ("A3-6(4)", "以顾客为关注焦点，效益显著")],
}


def declarations(kind):
    return [{"clause": c, "statement": s} for c, s in DECLARATIONS[kind]]


# ------------------------------------------------------------------ dossiers

def rec_date(key):
    return f"2025-{5 + h('rec', key)[0] % 2:02d}-{1 + h('rec', key)[1] % 20:02d}"


def dossier_id(key):
    return f"SQMA-{CYCLE}-{key}"


def base(key, cls, kind=None):
    d = {"schema": "dossier.v1", "id": dossier_id(key), "cycle": CYCLE, "class": cls}
    if kind:
        d["kind"] = kind
    return d


def compliance(o):
    c = {"products_meet_standards": o.get("meets_standards", True),
         "waste_treatment_compliant": o.get("waste_ok", True),
         "key_energy_user": o.get("energy", False)}
    if o.get("energy") and o.get("energy_met") is not None:
        c["energy_targets_met"] = o["energy_met"]
    c["mandatory_certification_required"] = o.get("mandatory", False)
    return c


def certificates(o):
    certs = certs_default(o["id"], o["issuer"], o["cert_start"], o.get("cert_types", ("quality", "environment", "ohs")))
    if o.get("renewed_quality"):  # the old certificate ran out before the reference date, the new one is current
        digits = certs[0]["number"][5:10]
        old = dict(certs[0], number=f"{o['issuer']}22Q{digits}R1M", valid_from="2022-03-15", valid_until="2025-03-14")
        new = dict(certs[0], number=f"{o['issuer']}25Q{digits}R2M", valid_from="2025-03-15", valid_until="2028-03-14")
        certs = [old, new] + certs[1:]
    if o.get("expired_quality"):
        certs[0]["valid_from"], certs[0]["valid_until"] = o["expired_quality"]
    if o.get("expired_ohs"):
        for c in certs:
            if c["type"] == "ohs":
                c["valid_from"], c["valid_until"] = o["expired_ohs"]
    if o.get("ccc"):
        certs.append(product_cert(o["id"], "2022-08-15", o["ccc"]))
    return certs


def contact(key, name_pinyin, domain, landline_phone=True):
    name, py = name_pinyin
    return {"name": name, "phone": landline(key, name) if landline_phone else mobile(key, name),
            "email": f"{py}@{domain}.example"}


def materials_and_files(key, files, omit_type=None, omit_file=None, mismatch=None):
    mats = []
    written = []
    for type_, title, path, text in files:
        if type_ == omit_type:
            continue
        digest = sha256(text)
        if path == mismatch:
            # The applicant registered an earlier draft of this file, then replaced it.
            digest = sha256(text.replace("日期：2025-", "日期：2024-"))
        mats.append({"type": type_, "title": title, "path": path, "sha256": digest})
        if path != omit_file:
            written.append((path, text))
    return mats, written


def build_org(o):
    key = o["id"]
    u = UNITS[key]
    d = base(key, "organisation")
    d["applicant"] = {"name": u["name"], "organisation": unit_ref(key), "industries": o["ind"],
                      "contact": contact(key, o["contact"], o["domain"])}
    d["certificates"] = certificates(o)
    d["compliance"] = compliance(o)
    d["incidents"] = o.get("incidents", [])
    d["credit_records"] = o.get("credit", [])
    if o.get("social"):
        d["social_report"] = {"year": o["social"],
                              "published_at": f"https://www.{o['domain']}.example/csr/{o['social']}.html"}
    if "activities" in o:
        d["activities"] = o["activities"]
    else:
        org, name, date = o["act"]
        d["activities"] = [{"organiser": org, "organiser_name": SAQ if org == "saq" else CAQ, "name": name, "date": date}]
    kind, body = o["rec"]
    d["recommendations"] = [{"body": body, "kind": kind, "date": rec_date(key)}]
    d["awards"] = o.get("awards", [])
    files = org_files(o, d)
    d["materials"], written = materials_and_files(key, files, o.get("omit_type"), o.get("omit_file"))
    if o.get("extra_file"):
        written.append(("06-其他/企业宣传册.md", md(
            f"{u['name']}企业宣传册", "（宣传材料，供参考，不属于申报材料）", f"主要产品：{o['products']}")))
    d["bundle"] = {"path": d["id"] + ".zip"}
    d["declarations"] = declarations("organisation")
    d["stage"] = "submitted"
    d["history"] = []
    return d, (None if o.get("no_bundle") else written)


def build_project(p):
    key = p["id"]
    u = UNITS[key]
    d = base(key, "project")
    d["applicant"] = {"name": p["name"], "organisation": unit_ref(key)}
    if p["partners"]:
        d["applicant"]["partners"] = [unit_ref(k) for k in p["partners"]]
    d["applicant"]["industries"] = p["ind"]
    d["applicant"]["contact"] = contact(key, p["contact"], p["domain"], landline_phone=False)
    d["certificates"] = certificates(p)
    d["compliance"] = compliance(p)
    d["incidents"] = p.get("incidents", [])
    d["credit_records"] = p.get("credit", [])
    kind, body = p["rec"]
    d["recommendations"] = [{"body": body, "kind": kind, "date": rec_date(key)}]
    d["project"] = {"start": p["start"], "end": p["end"], "methods": p["methods"], "summary": p["summary"]}
    files = project_files(p, d)
    d["materials"], written = materials_and_files(key, files, p.get("omit_type"))
    d["bundle"] = {"path": d["id"] + ".zip"}
    d["declarations"] = declarations("project")
    d["stage"] = "submitted"
    d["history"] = []
    return d, written


def build_person(q):
    key = q["id"]
    emp = UNITS[q["employer"]]
    d = base(key, "individual", q["kind"])
    number = id_number(q["name"], q["area"], q["birth"], q["gender"])
    if q.get("checkchar"):
        number = spoil_id(number)
    person = {"name": q["name"], "id_number": number, "gender": q["gender"], "position": q["position"],
              "education": q["education"], "years_in_post": q["years"], "phone": mobile(key, q["name"]),
              "email": f"{q['pinyin']}@{q['domain']}.example"}
    d["applicant"] = {"name": q["name"], "organisation": unit_ref(q["employer"]), "person": person,
                      "industries": q["ind"],
                      "contact": {"name": HR[key][0], "phone": landline(key, "hr"), "email": f"{HR[key][1]}@{q['domain']}.example"}}
    if q["acts"]:
        d["activities"] = [{"organiser": o, "organiser_name": {"saq": SAQ, "caq": CAQ}.get(o, "上海市宝山区人民政府"),
                            "name": n, "date": dt} for o, n, dt in q["acts"]]
    d["recommendations"] = [{"body": body or emp["name"], "kind": kind, "date": add_days(rec_date(key), 3 * i)}
                            for i, (kind, body) in enumerate(q["recs"])]
    if q["kind"] == "leader":
        d["leader"] = {"since": q["since"], "awards": q["awards"],
                       "performance": [{"year": y, "revenue": r, "profit": p} for y, r, p in q["perf"]]}
    files = person_files(q, d)
    d["materials"], written = materials_and_files(key, files, q.get("omit_type"), mismatch=q.get("digest_mismatch"))
    d["bundle"] = {"path": d["id"] + ".zip"}
    d["declarations"] = declarations(q["kind"])
    d["stage"] = "submitted"
    d["history"] = []
    return d, written


# The office contact for each individual dossier (usually HR or the quality department).
HR = {
    "L01": ("周立新", "zhoulixin"), "L02": ("顾敏", "gumin"), "L03": ("孔雅琴", "kongyaqin"),
    "L04": ("谢立军", "xielijun"), "L05": ("方晓琳", "fangxiaolin"), "L06": ("蒋文斌", "jiangwenbin"),
    "L07": ("陆晨", "luchen"), "L08": ("王倩", "wangqian"), "L09": ("张涛", "zhangtao"),
    "M01": ("沈国强", "shenguoqiang"), "M02": ("韩雪梅", "hanxuemei"), "M03": ("邵振华", "shaozhenhua"),
    "M04": ("廖志明", "liaozhiming"), "M05": ("姚慧敏", "yaohuimin"), "C01": ("任佳明", "renjiaming"),
    "C02": ("周立新", "zhoulixin"), "C03": ("蒋文斌", "jiangwenbin"), "C04": ("顾敏", "gumin"),
    "C05": ("汤丽君", "tanglijun"),
}


# ------------------------------------------------------------------ reviewers

Q_SH = ("shanghai", "qualification", "上海市政府质量奖评审员")
Q_NAT = ("national", "qualification", "全国质量奖评审员")
Q_CN = ("china", "qualification", "中国质量奖评审专家")
T_NAT = ("national", "training_certificate", "全国质量奖评审员培训证书")
T_EQ = ("equivalent", "training_certificate", "浙江省政府质量奖评审员培训证书")

# Bids of a few reviewers on dossiers (willing / unwilling), as a conference system takes them.
PREFERENCES = {
    "R-005": [("SQMA-2025-O09", "willing"), ("SQMA-2025-P03", "willing")],
    "R-011": [("SQMA-2025-O02", "unwilling")],
    "R-020": [("SQMA-2025-O06", "willing"), ("SQMA-2025-L02", "unwilling")],
}

# id, name, pinyin, employer, education, years, tqm, qualifications [(q, year)], lead, industries,
# max_load, unavailable, extra (pledge, relations, conflicts, comment)
REVIEWERS = [
    ("R-001", "王建民", "wangjianmin", "R-shenjiang", "doctorate", 28, True, [(Q_SH, 2015), (Q_NAT, 2018)], True, ["C34", "C35", "C38"], 8, []),
    ("R-002", "李雅芳", "liyafang", "R-shenjiang", "doctorate", 22, True, [(Q_SH, 2016)], True, ["I65", "M74", "Q84"], 6, []),
    ("R-003", "张伟国", "zhangweiguo", "R-shenjiang", "master", 18, True, [(T_EQ, 2021)], False, ["C36", "C34"], 6, ["onsite"]),
    ("R-004", "刘芳", "liufang", "R-binhai", "doctorate", 20, True, [(Q_CN, 2020), (Q_SH, 2014)], True, ["C39", "C40", "C38"], 8, []),
    ("R-005", "陈浩", "chenhao", "R-binhai", "master", 15, True, [(T_NAT, 2019)], False, ["C26", "C27", "C29"], 5, []),
    ("R-006", "杨志强", "yangzhiqiang", "R-huaxin", "bachelor", 25, True, [(Q_SH, 2012)], True, ["C33", "C34", "C30"], 10, []),
    ("R-007", "赵红梅", "zhaohongmei", "R-huaxin", "master", 19, True, [(Q_SH, 2017)], False, ["C14", "C13", "A01"], 7, []),
    ("R-008", "黄伟", "huangwei", "R-huaxin", "bachelor", 16, True, [(T_NAT, 2020)], False, ["E48", "E49"], 6, ["onsite"]),
    ("R-009", "周静", "zhoujing", "R-shenbiao", "master", 21, True, [(Q_SH, 2013)], True, ["C27", "C14", "Q84"], 8, []),
    ("R-010", "吴建华", "wujianhua", "R-zhuoheng", "master", 24, True, [(Q_NAT, 2016), (Q_SH, 2015)], True, ["C36", "C38", "C39"], 9, []),
    ("R-011", "徐丽", "xuli", "R-zhuoheng", "bachelor", 14, True, [(Q_SH, 2019)], False, ["F52", "K70", "G58", "G59"], 6, []),
    ("R-012", "孙明", "sunming", "R-zhiyuan", "bachelor", 17, True, [(T_EQ, 2018)], False, ["C33", "C22", "C18"], 5, []),
    ("R-013", "马国庆", "maguoqing", "R-shendian", "master", 26, True, [(Q_SH, 2011), (Q_CN, 2019)], True, ["D44", "D45", "D46", "C38"], 6, []),
    ("R-014", "朱晓东", "zhuxiaodong", "R-shendian", "bachelor", 18, True, [(Q_SH, 2018)], False, ["D44", "C38", "E49"], 5, ["onsite"]),
    ("R-015", "胡雪芬", "huxuefen", "R-jiajun", "master", 20, True, [(T_NAT, 2017)], False, ["C36", "C29"], 6, []),
    ("R-016", "郭振华", "guozhenhua", "R-ruikang", "doctorate", 23, True, [(Q_SH, 2016)], True, ["Q84"], 6, []),
    ("R-017", "何俊", "hejun", "R-huizhi", "master", 15, True, [(Q_SH, 2020)], False, ["I65", "C39"], 7, []),
    ("R-018", "高明远", "gaomingyuan", "R-food", "doctorate", 19, True, [(Q_SH, 2018)], False, ["C14", "C13", "A01", "F52"], 6, []),
    ("R-019", "林晓", "linxiao", "R-shenjian", "master", 22, True, [(Q_SH, 2014)], True, ["E48", "E49", "G59", "N77"], 8, []),
    ("R-020", "罗敏", "luomin", "R-shenyao", "master", 18, True, [(T_NAT, 2019)], False, ["C27", "C26"], 5, []),
    ("R-021", "梁志明", "liangzhiming", "R-shenbiao", "bachelor", 30, True, [(Q_SH, 2010)], True, ["C30", "C33", "C22", "C18", "G54"], 4, []),
    ("R-022", "宋丽华", "songlihua", "R-binhai", "master", 13, True, [(Q_SH, 2021)], False, ["M74", "C40", "I65"], 6, []),
    ("R-023", "唐建国", "tangjianguo", "R-zhiyuan", "bachelor", 27, True, [(Q_SH, 2012)], True, ["G54", "G58", "G59", "K70"], 7, []),
    ("R-024", "许婷", "xuting", "R-zhuoheng", "master", 12, True, [(T_EQ, 2022)], False, ["C14", "Q84", "F52"], 5, ["written"]),
    ("R-025", "韩磊", "hanlei", "R-biaozhun", "master", 16, True, [(Q_SH, 2019)], False, ["M74", "C40", "C39"], 6, []),
    ("R-026", "冯志刚", "fengzhigang", "R-jiajun", "bachelor", 21, True, [(Q_SH, 2015)], False, ["C36", "C34"], 6, ["onsite"]),
    ("R-027", "邓雅琴", "dengyaqin", "R-ruikang", "master", 17, True, [(T_NAT, 2018)], False, ["Q84"], 5, []),
    ("R-028", "曹文斌", "caowenbin", "R-huizhi", "master", 14, True, [(Q_SH, 2021)], False, ["I65", "M74"], 6, []),
    ("R-029", "彭立新", "penglixin", "R-shenjian", "bachelor", 24, True, [(Q_SH, 2013)], False, ["E48", "D46", "N77"], 7, []),
    # ---- conflicts of interest (M-18)
    ("R-030", "曾国平", "zengguoping", "R-zhiyuan", "master", 20, True, [(Q_SH, 2014)], True, ["C38", "C34"], 6, [],
     dict(comment_zh="回避：2024年为上海闵瑞电气提供咨询服务", comment="M-18 consulting for 上海闵瑞电气 (O03; also employer of M01), inside the window",
          relations=[("O03", "consulting", "2024-03-01", "2024-12-31", "卓越绩效自评报告编写辅导")])),
    ("R-031", "肖红", "xiaohong", "R-shenjiang", "doctorate", 18, True, [(Q_SH, 2017)], False, ["I65", "M74"], 6, [],
     dict(comment_zh="回避：2025年为上海数擎信息技术授课培训", comment="M-18 training for 上海数擎信息技术 (O10)",
          relations=[("O10", "training", "2025-03-10", "2025-03-12", "首席质量官培训班授课")])),
    ("R-032", "田野", "tianye", "R-huaxin", "master", 15, True, [(Q_SH, 2019)], False, ["C36", "C38"], 6, [],
     dict(comment_zh="回避：为项目合作单位上海汽电智控提供技术服务", comment="M-18 technical service for 上海汽电智控 (a partner of project P01)",
          relations=[("P01a", "technical_service", "2023-06-01", "2024-06-30", "电驱控制器可靠性试验技术服务")])),
    ("R-033", "董建军", "dongjianjun", "R-shendian", "master", 23, True, [(Q_SH, 2013)], False, ["D45", "D44"], 5, [],
     dict(comment_zh="回避：持有上海浦能燃气股权（至今）", comment="M-18 economic interest in 上海浦能燃气 (employer of L02 and C04), ongoing",
          relations=[("E-puneng", "economic_interest", "2019-01-01", None, "通过员工持股平台持有该公司股权")])),
    ("R-034", "袁振东", "yuanzhendong", "R-shenjian", "bachelor", 26, True, [(Q_SH, 2012)], True, ["E48", "E49"], 7, [],
     dict(comment_zh="回避：2024年3月前在上海东湾建设工程任职，离职未满3年", comment="M-18 employed by 上海东湾建设工程 (O08; employer of M03) until 2024-03-31, inside the 3-year window",
          relations=[("O08", "employment", "2010-07-01", "2024-03-31", "曾任该公司质量安全部经理")])),
    ("R-035", "潘志华", "panzhihua", "R-huaxin", "bachelor", 22, True, [(Q_SH, 2016)], False, ["C33", "C34"], 7, [],
     dict(comment_zh="无需回避：2019年从上海宝昕金属制品离职，已满3年", comment="not conflicted: employment at 上海宝昕金属制品 (O05) ended 2019-06-30, outside the 3-year window",
          relations=[("O05", "employment", "2004-07-01", "2019-06-30", "曾任该公司技术质量部主管")])),
    ("R-036", "于静", "yujing", "R-food", "master", 16, True, [(Q_SH, 2018)], False, ["C14", "C13"], 5, [],
     dict(comment_zh="回避：本人申报与上海青禾食品存在利害关系", comment="M-18 declared conflict with 上海青禾食品 (O07)",
          conflicts=[("O07", "配偶在该公司担任生产总监")])),
    ("R-037", "蒋立群", "jiangliqun", "R-zhuoheng", "master", 19, True, [(Q_SH, 2015)], False, ["C27", "C26"], 6, [],
     dict(comment_zh="无需回避：为上海松衡医药提供的咨询已于2021年结束，已满3年", comment="not conflicted: consulting for 上海松衡医药 (O06) ended 2021-05-31, outside the 3-year window",
          relations=[("O06", "consulting", "2019-09-01", "2021-05-31", "GMP质量体系咨询")])),
    ("R-038", "蔡明杰", "caimingjie", "O01", "master", 17, True, [(Q_SH, 2019)], False, ["C34", "C35"], 4, ["onsite"],
     dict(comment_zh="回避：现任职于申报单位上海擎宇智能装备", comment="M-18 currently employed by 上海擎宇智能装备 (O01; employer of L01 and C02)")),
    ("R-039", "余海燕", "yuhaiyan", "R-food", "master", 14, True, [(T_NAT, 2020)], False, ["G59", "C14"], 5, [],
     dict(comment_zh="回避：2024年为项目主体单位上海鲜达冷链物流提供培训", comment="M-18 training for 上海鲜达冷链物流 (lead unit of project P05)",
          relations=[("P05", "training", "2024-10-15", "2024-10-16", "HACCP内审员培训")])),
    # ---- not qualified (M-15, M-17), one reason each
    ("R-040", "杜海峰", "duhaifeng", "R-zhiyuan", "college", 20, True, [(Q_SH, 2016)], False, ["C33", "C34"], 5, [],
     dict(comment_zh="不具备资格：大专学历", comment="M-15(2): college education (大专), below a bachelor's degree")),
    ("R-041", "叶晨", "yechen", "R-huizhi", "master", 8, True, [(T_NAT, 2023)], False, ["I65"], 5, [],
     dict(comment_zh="不具备资格：工作经历8年，不足10年", comment="M-15(3): 8 years of experience, fewer than 10")),
    ("R-042", "程丽娜", "chenglina", "R-shenbiao", "bachelor", 15, False, [(Q_SH, 2019)], False, ["C14", "F52"], 5, [],
     dict(comment_zh="不具备资格：未接受全面质量管理系统培训", comment="M-15(2): no systematic TQM training")),
    ("R-043", "苏建平", "sujianping", "R-jiajun", "bachelor", 19, True, [], False, ["C36"], 5, [],
     dict(comment_zh="不具备资格：无评审员资格或培训证书", comment="M-15(4): no reviewer qualification or training certificate")),
    ("R-044", "魏晓光", "weixiaoguang", "R-shendian", "master", 22, True, [(Q_SH, 2014)], True, ["D44", "D46"], 6, [],
     dict(comment_zh="不具备资格：未签署《公正廉洁保密承诺书》", comment="M-15(5), M-17: has not signed the integrity pledge", pledge=False)),
    ("R-045", "吕梅", "lvmei", "R-shenjiang", "doctorate", 16, True, [(Q_SH, 2020)], False, ["M74", "Q84"], 6, [],
     dict(comment_zh="不具备资格：未签署《公正廉洁保密承诺书》", comment="M-15(5), M-17: has not signed the integrity pledge", pledge=False)),
]

DOMAINS = {"R-shenjiang": "sju.example", "R-binhai": "bhut.example", "R-huaxin": "huaxin-cert.example",
           "R-shenbiao": "shenbiao-cert.example", "R-zhuoheng": "zhuoheng.example",
           "R-zhiyuan": "zhiyuan-quality.example", "R-shendian": "shendian.example",
           "R-jiajun": "jiajun-auto.example", "R-ruikang": "ruikang-med.example",
           "R-huizhi": "huizhi-soft.example", "R-food": "sfqi.example", "R-shenjian": "shenjian.example",
           "R-shenyao": "shenyao.example", "R-biaozhun": "scsi.example", "O01": "qingyu-ie.example"}


def toml_str(s):
    return json.dumps(s, ensure_ascii=False)


def toml_unit(u):
    return f'{{ name = {toml_str(u["name"])}, credit_code = "{u["credit_code"]}" }}'


def reviewers_toml():
    out = [
        "# 上海市质量管理奖 2025 评审员库 / reviewer registry of the 2025 cycle (schema reviewers.v1)",
        "#",
        "# 生成：samples/tools/generate.py（虚构人员与单位）/ generated by samples/tools/generate.py; all fictional.",
        "# 资格条件 M-15：本科及以上、接受过全面质量管理系统培训、十年以上工作经历、持有评审员资格或培训证书；",
        "# M-17：签署《公正廉洁保密承诺书》；M-18：与受审组织无咨询、培训、技术服务、经济利益等关联。",
        "# Qualification M-15: bachelor or higher, TQM training, 10+ years, a reviewer qualification or",
        "# training certificate; M-17: signed pledge; M-18: no consulting, training, technical service or",
        "# economic interest with an applicant. Reviewers R-030..R-039 carry relations or conflicts and",
        "# R-040..R-045 miss one qualification each; samples/README.md lists why.",
        "#",
        "# 字段 / fields: education = secondary|vocational|college|bachelor|master|doctorate;",
        "# qualifications.award = china (中国质量奖) | national (全国质量奖) | shanghai (上海市政府质量奖) | equivalent;",
        "# lead = 可任评审组长 / may lead a panel; max_load = 本届最多评审份数 / most dossiers per cycle;",
        "# unavailable = 不参加的评审环节 / rounds the reviewer cannot attend;",
        "# categories = 擅长的 GB/T 19580-2012 类目（4.1 领导 … 4.5 过程管理、4.6 测量分析与改进、4.7 结果）/",
        "#   GB/T 19580-2012 categories of expertise; classes = 擅长的奖项类别 / award classes of expertise;",
        "# preferences = 评审员对申报材料的意愿：willing 愿意 / unwilling 不愿意 / conflict 申报回避 (M-18);",
        "#   the weights of all of these are in [affinity] of cycle.toml.",
        "",
        'schema = "reviewers.v1"',
    ]
    for r in REVIEWERS:
        rid, name, py, emp, edu, years, tqm, quals, lead, ind, load, unavail = r[:12]
        extra = r[12] if len(r) > 12 else {}
        u = UNITS[emp]
        out.append("")
        if extra.get("comment"):
            out.append(f"# {extra['comment_zh']} / {extra['comment']}")
        out.append("[[reviewer]]")
        out.append(f'id = "{rid}"')
        out.append(f"name = {toml_str(name)}")
        out.append(f"employer = {toml_unit(u)}")
        out.append(f'education = "{edu}"')
        out.append(f"experience_years = {years}")
        out.append(f"tqm_training = {'true' if tqm else 'false'}")
        if quals:
            out.append("qualifications = [")
            for (award, kind, qname), year in quals:
                out.append(f'  {{ award = "{award}", kind = "{kind}", name = {toml_str(qname)}, year = {year} }},')
            out.append("]")
        else:
            out.append("qualifications = []")
        if extra.get("pledge") is False:
            out.append("pledge = { signed = false }")
        else:
            out.append(f"pledge = {{ signed = true, date = 2025-{4 + h('pledge', rid)[0] % 2:02d}-{1 + h('pledge', rid)[1] % 28:02d} }}")
        out.append(f"lead = {'true' if lead else 'false'}")
        out.append("industries = [" + ", ".join(f'"{i}"' for i in ind) + "]")
        cats = sorted({f"4.{1 + x % 7}" for x in h("categories", rid)[:3]})
        out.append("categories = [" + ", ".join(f'"{c}"' for c in cats) + "]")
        classes = [c for k, c in enumerate(("organisation", "project", "individual")) if h("classes", rid)[k] % 3 != 0]
        out.append("classes = [" + ", ".join(f'"{c}"' for c in classes) + "]")
        bids = PREFERENCES.get(rid)
        if bids:
            out.append("preferences = [")
            for dossier, bid in bids:
                out.append(f'  {{ dossier = "{dossier}", bid = "{bid}" }},')
            out.append("]")
        out.append(f"max_load = {load}")
        if unavail:
            out.append("unavailable = [" + ", ".join(f'"{x}"' for x in unavail) + "]")
        out.append(f'phone = "{mobile(rid, name)}"')
        out.append(f'email = "{py}@{DOMAINS[emp]}"')
        for key, kind, frm, until, note in extra.get("relations", []):
            out.append("[[reviewer.relations]]")
            out.append(f"organisation = {toml_unit(UNITS[key])}")
            out.append(f'kind = "{kind}"')
            out.append(f"from = {frm}")
            if until:
                out.append(f"until = {until}")
            out.append(f"note = {toml_str(note)}")
        for key, reason in extra.get("conflicts", []):
            out.append("[[reviewer.conflicts]]")
            out.append(f"organisation = {toml_unit(UNITS[key])}")
            out.append(f"reason = {toml_str(reason)}")
    return "\n".join(out) + "\n"


# ------------------------------------------------------------------ main

def write(path: Path, text: str):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--samples", default=str(Path(__file__).resolve().parent.parent))
    args = ap.parse_args()
    root = Path(args.samples)
    if (root / "forms").is_dir():
        # The sample dossiers are made from samples/forms/ by samples/make-dossiers (sqma
        # import); this generator is for scratch and larger cycles only.
        print(f"generate: {root} holds forms/: its dossiers are made by make-dossiers; "
              "give --samples a scratch folder", file=sys.stderr)
        return 2
    for sub in ("dossiers", "dossiers-checkchar", "evidence"):
        if (root / sub).exists():
            shutil.rmtree(root / sub)
    built = []
    for o in ORGS:
        built.append((o, *build_org(o)))
    for p in PROJECTS:
        built.append((p, *build_project(p)))
    for q in PERSONS:
        built.append((q, *build_person(q)))
    for spec, dossier, files in built:
        folder = "dossiers-checkchar" if spec.get("checkchar") else "dossiers"
        write(root / folder / f"{dossier['id']}.json", json.dumps(dossier, ensure_ascii=False, indent=2) + "\n")
        for path, text in files or []:
            write(root / "evidence" / dossier["id"] / path, text)
    write(root / "reviewers.toml", reviewers_toml())
    print(f"generate: {len(built)} dossiers, {len(REVIEWERS)} reviewers written under {root}")


if __name__ == "__main__":
    sys.exit(main())
