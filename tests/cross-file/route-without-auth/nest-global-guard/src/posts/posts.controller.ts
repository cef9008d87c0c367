import { Body, Controller, Delete, Param, Post } from '@nestjs/common';
import { Public } from '../auth/public.decorator';

@Controller('posts')
export class PostsController {
  @Post()
  create(@Body() body: CreatePostDto) {
    return this.posts.create(body);
  }

  @Delete(':id')
  remove(@Param('id') id: string) {
    return this.posts.remove(id);
  }

  @Public()
  @Post(':id/views')
  countView(@Param('id') id: string) {
    return this.posts.countView(id);
  }
}
