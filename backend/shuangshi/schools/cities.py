"""The 12 city units of Jiangxi: the 11 prefecture-level cities (administrative division
codes) and the Ganjiang New Area. Migration 0002 loads them; services.cities_ensure puts
back any that are missing."""

CITIES = [
    ("360100", "南昌", "Nanchang"),
    ("360200", "景德镇", "Jingdezhen"),
    ("360300", "萍乡", "Pingxiang"),
    ("360400", "九江", "Jiujiang"),
    ("360500", "新余", "Xinyu"),
    ("360600", "鹰潭", "Yingtan"),
    ("360700", "赣州", "Ganzhou"),
    ("360800", "吉安", "Ji'an"),
    ("360900", "宜春", "Yichun"),
    ("361000", "抚州", "Fuzhou"),
    ("361100", "上饶", "Shangrao"),
    ("361200", "赣江新区", "Ganjiang New Area"),
]
