
app_name = "articles"

urlpatterns: list = []
