"""Plain data: the skill and cause concepts people mean, and the words they type for them.

Each key is a short concept label (shown as a suggestion on the profile form); each value
lists synonyms and everyday phrasings, lower case. A phrase belongs to one concept only.
The fuzzy matcher builds on these lists; keep them free of anything about health history.
"""

from __future__ import annotations

SKILLS: dict[str, list[str]] = {
    "cooking": ["kitchen help", "food prep", "cook", "chef", "meal prep", "culinary"],
    "tutoring": ["homework help", "teaching kids", "teaching", "tutor", "reading help"],
    "IT support": ["fixing computers", "tech support", "computer repair", "help desk", "wifi"],
    "carpentry": ["woodworking", "carpenter", "building furniture", "joinery"],
    "painting": ["house painting", "painter", "murals", "wall painting"],
    "gardening": ["landscaping", "planting", "weeding", "yard work", "urban farming"],
    "moving and lifting": ["heavy lifting", "moving boxes", "loading", "unloading trucks"],
    "cleaning": ["janitorial", "tidying", "housekeeping", "sweeping", "park cleanup"],
    "driving": ["driver", "deliveries", "delivery driving", "van driving", "transport"],
    "office work": ["data entry", "filing", "admin", "clerical", "typing", "reception"],
    "bookkeeping": ["accounting", "budgeting", "numbers", "spreadsheets", "taxes"],
    "graphic design": ["design", "flyers", "posters", "logos", "illustration"],
    "web design": ["websites", "web development", "html", "coding", "programming"],
    "writing and editing": ["writing", "editing", "proofreading", "copywriting", "grant writing"],
    "photography": ["photos", "photographer", "taking pictures", "video", "filming"],
    "music": ["playing music", "singing", "guitar", "piano", "drumming", "dj"],
    "art": ["arts and crafts", "drawing", "crafts", "sculpture", "art projects"],
    "sports coaching": ["coaching", "coach", "basketball", "soccer", "fitness", "referee"],
    "customer service": ["greeting", "front desk", "welcoming people", "hospitality", "retail"],
    "event setup": ["events", "setting up chairs", "event planning", "set up", "breakdown"],
    "fundraising": ["raising money", "donations", "grant seeking", "sponsorship", "canvassing"],
    "translation": ["spanish", "interpreting", "bilingual", "chinese", "russian", "french"],
    "mentoring": ["mentor", "role model", "coaching youth", "peer mentoring", "advising"],
    "companionship": ["elderly care", "visiting seniors", "keeping company", "befriending"],
    "childcare": ["babysitting", "looking after kids", "child care", "daycare help"],
    "first aid": ["cpr", "first responder", "basic life support", "safety"],
    "social media": ["instagram", "facebook", "tiktok", "posting online", "online outreach"],
    "sewing": ["mending", "knitting", "quilting", "tailoring", "alterations"],
    "construction": ["building", "renovation", "repairs", "handyman", "drywall", "plumbing"],
    "animal care": ["dog walking", "pet care", "animal shelter help", "cat care", "grooming"],
    "organizing": ["sorting donations", "organizing shelves", "stocking", "inventory", "packing"],
}

INTERESTS: dict[str, list[str]] = {
    "hunger": ["food insecurity", "feeding people", "food bank", "soup kitchen", "pantry"],
    "homelessness": ["shelters", "unhoused people", "homeless services", "street outreach"],
    "seniors": ["older adults", "elderly", "aging", "senior centers"],
    "children and youth": ["kids", "young people", "teens", "youth programs", "after school"],
    "education": ["learning", "schools", "adult education", "classes", "tutoring programs"],
    "environment": ["climate", "green spaces", "parks", "recycling", "sustainability", "trees"],
    "animals": ["animal welfare", "pets", "animal rescue", "wildlife"],
    "arts and culture": ["museums", "theater", "culture", "the arts", "community arts"],
    "health": ["wellbeing", "wellness", "public health", "healthy living", "nutrition"],
    "disability": ["accessibility", "disability rights", "special needs", "inclusion"],
    "immigrants": ["refugees", "newcomers", "immigrant services", "asylum seekers"],
    "veterans": ["military families", "service members", "vets"],
    "community building": ["helping neighbors", "neighborhood", "community events", "civic"],
    "emergency preparedness": ["disaster relief", "emergency response", "storm recovery"],
    "women": ["women's rights", "girls", "women and girls", "gender equality"],
    "LGBTQ+": ["lgbtq", "queer community", "pride", "trans rights", "gay rights"],
    "literacy": ["reading", "libraries", "books", "adult literacy", "teaching reading"],
    "technology access": ["digital literacy", "computer skills", "internet access", "tech help"],
    "sports and recreation": ["sports", "recreation", "fitness programs", "play", "outdoors"],
    "housing": ["affordable housing", "tenants", "home repair", "housing rights"],
}
